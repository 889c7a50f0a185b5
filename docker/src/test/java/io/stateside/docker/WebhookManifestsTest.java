package io.stateside.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.RuleWithOperations;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ServiceReference;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The webhook's manifests (docker/webhook/kubernetes/) against the Kubernetes schema and each
 * other: the API server must reach the webhook's HTTPS port on /mutate through the Service, only
 * for pod creations in labelled namespaces, and the webhook must find its certificate.
 */
class WebhookManifestsTest {

  private static final Path DIR = Path.of("webhook/kubernetes");
  private static final Map<String, List<HasMetadata>> BY_FILE = new LinkedHashMap<>();

  @BeforeAll
  static void readManifests() throws IOException {
    BY_FILE.putAll(KubernetesSchema.readDirectory(DIR));
  }

  private static <T extends HasMetadata> T only(Class<T> kind) {
    return KubernetesSchema.only(BY_FILE, kind);
  }

  @Test
  void everyManifestHasOnlyFieldsOfTheKubernetesSchema() throws Exception {
    KubernetesSchema.assertOnlySchemaFields(BY_FILE);
  }

  @Test
  void kustomizationListsEveryManifest() throws IOException {
    assertEquals(BY_FILE.keySet(), KubernetesSchema.kustomizationResources(DIR));
  }

  @Test
  void theApiServerCallsTheWebhookThroughItsServiceOnMutate() {
    MutatingWebhook webhook = only(MutatingWebhookConfiguration.class).getWebhooks().get(0);
    ServiceReference target = webhook.getClientConfig().getService();
    Service service = only(Service.class);
    Deployment deployment = only(Deployment.class);
    assertEquals(service.getMetadata().getName(), target.getName());
    assertEquals(service.getMetadata().getNamespace(), target.getNamespace());
    assertEquals("/mutate", target.getPath());
    ServicePort port = service.getSpec().getPorts().stream().filter(p -> p.getPort().equals(target.getPort()))
        .findFirst().orElseThrow(() -> new AssertionError("the Service has no port " + target.getPort()));
    Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
    assertEquals(8443, container.getPorts().stream().filter(p -> p.getName().equals(port.getTargetPort().getStrVal()))
        .findFirst().orElseThrow().getContainerPort(), "the Service's targetPort is the webhook's 8443");
    assertTrue(deployment.getSpec().getTemplate().getMetadata().getLabels().entrySet()
        .containsAll(service.getSpec().getSelector().entrySet()), "the Service selects the webhook's pods");
    assertEquals(deployment.getMetadata().getNamespace(), service.getMetadata().getNamespace());
    assertEquals(only(Namespace.class).getMetadata().getName(), service.getMetadata().getNamespace());
  }

  @Test
  void onlyPodCreationsInLabelledNamespacesAreSentToIt() {
    MutatingWebhook webhook = only(MutatingWebhookConfiguration.class).getWebhooks().get(0);
    assertEquals(List.of("v1"), webhook.getAdmissionReviewVersions());
    assertEquals("None", webhook.getSideEffects());
    assertEquals(Map.of("stateside.io/injection", "enabled"), webhook.getNamespaceSelector().getMatchLabels());
    RuleWithOperations rule = webhook.getRules().get(0);
    assertEquals(List.of("CREATE"), rule.getOperations());
    assertEquals(List.of(""), rule.getApiGroups());
    assertEquals(List.of("pods"), rule.getResources());
    // The webhook's own namespace is not labelled: its pods can start while it is down.
    Map<String, String> ownLabels = only(Namespace.class).getMetadata().getLabels();
    assertTrue(ownLabels == null || !ownLabels.containsKey("stateside.io/injection"));
  }

  @Test
  void theWebhookReadsItsCertificateFromTheTlsSecretAndProbesOverHttps() {
    PodSpec pod = only(Deployment.class).getSpec().getTemplate().getSpec();
    Container container = pod.getContainers().get(0);
    VolumeMount mount = container.getVolumeMounts().stream().filter(m -> m.getName().equals("tls")).findFirst().orElseThrow();
    // The directory of the image's TLS_CERT_FILE and TLS_KEY_FILE (docker/webhook/Dockerfile).
    assertEquals("/etc/stateside-webhook/tls", mount.getMountPath());
    Volume volume = pod.getVolumes().stream().filter(v -> v.getName().equals("tls")).findFirst().orElseThrow();
    assertEquals("stateside-webhook-tls", volume.getSecret().getSecretName());
    for (Probe probe : List.of(container.getReadinessProbe(), container.getLivenessProbe())) {
      assertEquals("HTTPS", probe.getHttpGet().getScheme());
      assertEquals("/healthz", probe.getHttpGet().getPath());
    }
    assertTrue(pod.getSecurityContext().getRunAsNonRoot());
  }
}
