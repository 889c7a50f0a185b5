package io.stateside.webhook.injection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.stateside.webhook.admission.AdmissionController;
import io.stateside.webhook.admission.AdmissionRequest;
import io.stateside.webhook.admission.AdmissionResponse;
import io.stateside.webhook.admission.AdmissionResponse.Allow;
import io.stateside.webhook.admission.AdmissionResponse.Deny;
import io.stateside.webhook.admission.AdmissionResponse.Patch;
import java.util.Optional;

/**
 * Adds the Stateside sidecar to pods being created with {@code stateside.io/enabled: "true"}:
 * leaves every other pod alone, a pod that already has a {@code stateside} container too (never
 * two sidecars, whoever added the first), and refuses a pod it cannot give a working sidecar.
 */
public final class SidecarInjector implements AdmissionController {

  private static final String REFUSED = "cannot inject the Stateside sidecar: ";

  private final SidecarDefaults defaults;

  public SidecarInjector(SidecarDefaults defaults) {
    this.defaults = defaults;
  }

  @Override
  public AdmissionResponse review(AdmissionRequest request) {
    if (!request.kind().equals("Pod") || !request.operation().equals("CREATE")) {
      return new Allow("left alone: not a pod being created");
    }
    JsonNode pod = request.object();
    JsonNode annotations = pod.path("metadata").path("annotations");
    String enabled = annotations.path(SidecarOptions.ENABLED).asText(null);
    if (enabled == null || enabled.equals("false")) {
      return new Allow("left alone: not annotated " + SidecarOptions.ENABLED + ": \"true\"");
    }
    if (!enabled.equals("true")) {
      return new Deny(REFUSED + SidecarOptions.ENABLED + " must be \"true\" or \"false\", not \"" + enabled + "\"");
    }
    JsonNode containers = pod.path("spec").path("containers");
    if (!containers.isArray()) {
      return new Deny(REFUSED + "the pod has no spec.containers");
    }
    for (JsonNode container : containers) {
      if (container.path("name").asText("").equals(SidecarContainer.NAME)) {
        return new Allow("left alone: already has a \"" + SidecarContainer.NAME + "\" container");
      }
    }
    SidecarOptions options;
    try {
      options = SidecarOptions.fromAnnotations(annotations, defaults);
    } catch (InvalidAnnotationException e) {
      return new Deny(REFUSED + e.getMessage());
    }
    Optional<String> clash = PortClashes.find(pod.path("spec"));
    if (clash.isPresent()) {
      return new Deny(REFUSED + clash.get());
    }
    ArrayNode patch = JsonNodeFactory.instance.arrayNode();
    patch.addObject().put("op", "add").put("path", "/spec/containers/-")
        .set("value", SidecarContainer.json(defaults, options));
    return new Patch(patch.toString(), "injected the sidecar (" + defaults.image() + ", user function port "
        + options.userFunctionPort() + (options.store() == null ? "" : ", store " + options.store()) + ")");
  }
}
