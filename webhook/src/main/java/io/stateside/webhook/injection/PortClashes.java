package io.stateside.webhook.injection;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/** The first port of the pod's own containers that the sidecar's ports would collide with. */
final class PortClashes {

  private PortClashes() {}

  /** Why the sidecar cannot join this pod spec, if a container already has one of its port numbers or names. */
  static Optional<String> find(JsonNode podSpec) {
    for (String list : new String[] {"initContainers", "containers"}) {
      for (JsonNode container : podSpec.path(list)) {
        for (JsonNode port : container.path("ports")) {
          for (SidecarPort own : SidecarPort.ALL) {
            String clash = clash(port, own);
            if (clash != null) {
              return Optional.of("container \"" + container.path("name").asText() + "\" " + clash
                  + ", which the Stateside sidecar uses for " + own.name() + " (its ports: " + SidecarPort.ALL + ")");
            }
          }
        }
      }
    }
    return Optional.empty();
  }

  private static String clash(JsonNode port, SidecarPort own) {
    if (port.path("containerPort").asInt() == own.number()) {
      return "has port " + own.number();
    }
    if (port.path("name").asText("").equals(own.name())) {
      return "has a port named \"" + own.name() + "\" (port names are unique in a pod)";
    }
    return null;
  }
}
