package io.stateside.webhook.injection;

import java.util.List;

/** A port the injected sidecar listens on: no other container of the pod may use its number or name. */
record SidecarPort(String name, int number) {

  static final List<SidecarPort> ALL = List.of(
      new SidecarPort("grpc", 9000),          // the user's services, for clients
      new SidecarPort("management", 8558),    // /alive, /ready, cluster bootstrap
      new SidecarPort("metrics", 9090),       // Prometheus /metrics
      new SidecarPort("remoting", 2552));     // Akka cluster traffic between sidecars

  static final String MANAGEMENT = "management";

  @Override
  public String toString() {
    return name + " " + number;
  }
}
