package io.stateside.webhook.injection;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The Stateside container the webhook adds to a pod, as Kubernetes JSON: the same sidecar as the
 * one written out in docker/kubernetes/deployment.yaml.
 */
final class SidecarContainer {

  static final String NAME = "stateside";
  /** The image's user (docker/proxy/Dockerfile). */
  private static final int USER = 10001;

  private SidecarContainer() {}

  static ObjectNode json(SidecarDefaults defaults, SidecarOptions options) {
    ObjectNode container = JsonNodeFactory.instance.objectNode().put("name", NAME).put("image", defaults.image());
    ArrayNode ports = container.putArray("ports");
    SidecarPort.ALL.forEach(p -> ports.addObject().put("name", p.name()).put("containerPort", p.number()));

    // Explicit env wins over envFrom in Kubernetes: the annotations win over the ConfigMap.
    ArrayNode envFrom = container.putArray("envFrom");
    envFrom.addObject().putObject("configMapRef")
        .put("name", options.configMap().name()).put("optional", options.configMap().optional());
    envFrom.addObject().putObject("secretRef")
        .put("name", options.secret().name()).put("optional", options.secret().optional());
    ArrayNode env = container.putArray("env");
    env.addObject().put("name", "USER_FUNCTION_HOST").put("value", "127.0.0.1");
    env.addObject().put("name", "USER_FUNCTION_PORT").put("value", String.valueOf(options.userFunctionPort()));
    // The pod's address, as its hostname resolves: Akka's and Akka Management's own markers for it.
    env.addObject().put("name", "REMOTING_HOST").put("value", "<getHostAddress>");
    env.addObject().put("name", "MANAGEMENT_HOST").put("value", "<hostname>");
    if (options.store() != null) {
      env.addObject().put("name", "STATESIDE_STORE").put("value", options.store());
    }

    container.set("readinessProbe", probe("/ready", 5, 2));
    container.set("livenessProbe", probe("/alive", 10, 3).put("initialDelaySeconds", 20));
    // Up to 2 min to start (store check, cluster join) before liveness counts.
    container.set("startupProbe", probe("/alive", 2, 60));

    ObjectNode resources = container.putObject("resources");
    resources.putObject("requests").put("cpu", defaults.cpuRequest()).put("memory", defaults.memoryRequest());
    resources.putObject("limits").put("memory", defaults.memoryLimit());

    ObjectNode security = container.putObject("securityContext")
        .put("runAsNonRoot", true).put("runAsUser", USER).put("runAsGroup", USER).put("allowPrivilegeEscalation", false);
    security.putObject("capabilities").putArray("drop").add("ALL");
    return container;
  }

  private static ObjectNode probe(String path, int periodSeconds, int failureThreshold) {
    ObjectNode probe = JsonNodeFactory.instance.objectNode();
    probe.putObject("httpGet").put("path", path).put("port", SidecarPort.MANAGEMENT);
    return probe.put("periodSeconds", periodSeconds).put("failureThreshold", failureThreshold);
  }
}
