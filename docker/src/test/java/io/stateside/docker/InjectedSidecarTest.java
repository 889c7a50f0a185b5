package io.stateside.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.stateside.webhook.WebhookSettings;
import io.stateside.webhook.admission.AdmissionRequest;
import io.stateside.webhook.admission.AdmissionResponse;
import io.stateside.webhook.injection.SidecarInjector;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The sidecar the webhook injects, as its Deployment configures it, into the example pod
 * (docker/webhook/example/): the mutated pod must still be of the Kubernetes schema, and the
 * sidecar must be the one docker/kubernetes/deployment.yaml writes out by hand.
 */
class InjectedSidecarTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void theExamplePodGetsASidecarOfTheKubernetesSchemaLikeTheDeploymentsOwn() throws Exception {
    Pod example = (Pod) KubernetesSchema.read(Path.of("webhook/example/shopping-cart-pod.yaml")).get(0);
    assertEquals(List.of(), KubernetesSchema.unknownFields(example, "Pod"));

    JsonNode pod = JSON.readTree(KubernetesSchema.SERIALIZATION.asJson(example));
    AdmissionResponse response = new SidecarInjector(webhookSettings().sidecar())
        .review(new AdmissionRequest("0b3c", "Pod", "CREATE", "default/shopping-cart", pod));
    JsonNode patch = JSON.readTree(assertInstanceOf(AdmissionResponse.Patch.class, response).jsonPatch());
    assertEquals(1, patch.size(), patch.toString());
    assertEquals("/spec/containers/-", patch.get(0).path("path").asText());
    ((ArrayNode) pod.at("/spec/containers")).add(patch.get(0).path("value"));

    Pod mutated = KubernetesSchema.SERIALIZATION.unmarshal(pod.toString(), Pod.class);
    assertEquals(List.of(), KubernetesSchema.unknownFields(mutated, "Pod"), "the mutated pod's unknown fields");
    Container injected = container(mutated.getSpec(), "stateside");
    Container written = container(deploymentSidecarPod(), "stateside");
    assertEquals(written.getImage(), injected.getImage());
    assertEquals(written.getPorts(), injected.getPorts());
    assertEquals(written.getReadinessProbe(), injected.getReadinessProbe());
    assertEquals(written.getLivenessProbe(), injected.getLivenessProbe());
    assertEquals(written.getStartupProbe(), injected.getStartupProbe());
    assertEquals(written.getResources(), injected.getResources());
    Map<String, String> injectedEnv = env(injected);
    Map<String, String> writtenEnv = env(written);
    for (String name : List.of("USER_FUNCTION_HOST", "USER_FUNCTION_PORT", "REMOTING_HOST", "MANAGEMENT_HOST")) {
      assertEquals(writtenEnv.get(name), injectedEnv.get(name), name);
    }
    assertEquals("embedded", injectedEnv.get("STATESIDE_STORE"), "from the example's stateside.io/store");
    assertEquals(envFromNames(written), envFromNames(injected), "the same ConfigMap and Secret");
  }

  /** The settings the webhook's Deployment gives it. */
  private static WebhookSettings webhookSettings() throws Exception {
    Deployment webhook = (Deployment) KubernetesSchema.read(Path.of("webhook/kubernetes/deployment.yaml")).get(0);
    return WebhookSettings.fromEnvironment(env(webhook.getSpec().getTemplate().getSpec().getContainers().get(0)));
  }

  private static PodSpec deploymentSidecarPod() throws Exception {
    Deployment deployment = (Deployment) KubernetesSchema.read(Path.of("kubernetes/deployment.yaml")).get(0);
    return deployment.getSpec().getTemplate().getSpec();
  }

  private static Container container(PodSpec pod, String name) {
    return pod.getContainers().stream().filter(c -> c.getName().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no container " + name));
  }

  private static Map<String, String> env(Container container) {
    return container.getEnv().stream().filter(e -> e.getValue() != null)
        .collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));
  }

  private static List<String> envFromNames(Container container) {
    return container.getEnvFrom().stream().map(InjectedSidecarTest::name).toList();
  }

  private static String name(EnvFromSource source) {
    return source.getConfigMapRef() != null ? "ConfigMap " + source.getConfigMapRef().getName()
        : "Secret " + source.getSecretRef().getName();
  }
}
