package io.stateside.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every manifest in docker/kubernetes/ is read into fabric8's Kubernetes model, which is the
 * Kubernetes API schema (core, apps, rbac) as Java types: a kind or apiVersion the API does not
 * have, a value of the wrong type or a field the schema does not have fails here. Then the
 * manifests are checked against each other and against what the sidecar needs (docs/deploy.md).
 */
class KubernetesManifestsTest {

  private static final Path DIR = Path.of("kubernetes");
  private static final Map<String, List<HasMetadata>> BY_FILE = new LinkedHashMap<>();

  @BeforeAll
  static void readManifests() throws IOException {
    BY_FILE.putAll(KubernetesSchema.readDirectory(DIR));
  }

  private static <T extends HasMetadata> List<T> all(Class<T> kind) {
    return KubernetesSchema.all(BY_FILE, kind);
  }

  private static <T extends HasMetadata> T only(Class<T> kind) {
    return KubernetesSchema.only(BY_FILE, kind);
  }

  @Test
  void everyManifestHasOnlyFieldsOfTheKubernetesSchema() throws Exception {
    KubernetesSchema.assertOnlySchemaFields(BY_FILE);
  }

  @Test
  void theUnknownFieldCheckCatchesATypo() throws Exception {
    Object parsed = KubernetesSchema.SERIALIZATION.unmarshal("""
        apiVersion: v1
        kind: Service
        metadata: {name: x}
        spec:
          selector: {app: x}
          ports: [{port: 9000, targtPort: 9000}]
        """);
    assertEquals(List.of("Service.spec.ports[0].targtPort"), KubernetesSchema.unknownFields(parsed, "Service"));
  }

  @Test
  void kustomizationListsEveryManifest() throws IOException {
    assertEquals(BY_FILE.keySet(), KubernetesSchema.kustomizationResources(DIR));
  }

  @Test
  void theDeploymentRunsTheUserFunctionWithTheStatesideSidecar() {
    Deployment deployment = only(Deployment.class);
    PodSpec pod = deployment.getSpec().getTemplate().getSpec();
    Container sidecar = container(pod, "stateside");
    Container userFunction = container(pod, "shopping-cart");
    assertTrue(sidecar.getImage().startsWith("stateside/proxy:"), sidecar.getImage());

    Map<String, Integer> ports = sidecar.getPorts().stream()
        .collect(Collectors.toMap(ContainerPort::getName, ContainerPort::getContainerPort));
    assertEquals(9000, ports.get("grpc"));
    assertEquals(8558, ports.get("management"));
    assertEquals(9090, ports.get("metrics"));

    // The sidecar calls the user function where it listens, inside the pod.
    assertEquals(env(userFunction, "PORT"), env(sidecar, "USER_FUNCTION_PORT"));
    assertEquals("127.0.0.1", env(sidecar, "USER_FUNCTION_HOST"));
    // The pod's address, as its hostname resolves (Akka's and Akka Management's markers for it).
    assertEquals("<getHostAddress>", env(sidecar, "REMOTING_HOST"));
    assertEquals("<hostname>", env(sidecar, "MANAGEMENT_HOST"));

    assertHttpProbe(sidecar.getReadinessProbe(), "/ready", sidecar);
    assertHttpProbe(sidecar.getLivenessProbe(), "/alive", sidecar);
    for (Container c : pod.getContainers()) {
      assertNotNull(c.getResources().getRequests().get("memory"), c.getName() + " memory request");
      assertNotNull(c.getResources().getRequests().get("cpu"), c.getName() + " cpu request");
      assertNotNull(c.getResources().getLimits().get("memory"), c.getName() + " memory limit");
    }
    assertTrue(pod.getSecurityContext().getRunAsNonRoot());
    assertEquals(10001L, pod.getSecurityContext().getRunAsUser());

    // Graceful termination: unready delay + drain + hand-off fit in the grace period (docs/cluster.md).
    ConfigMap config = configMapOf(sidecar);
    long unreadyDelay = seconds(config.getData().getOrDefault("SHUTDOWN_UNREADY_DELAY", "0s"));
    assertTrue(deployment.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds() >= unreadyDelay + 30,
        "terminationGracePeriodSeconds must exceed SHUTDOWN_UNREADY_DELAY + 30 s");
    assertTrue(unreadyDelay > sidecar.getReadinessProbe().getPeriodSeconds(),
        "the unready delay must outlast a readiness probe period");
    assertEquals(0, deployment.getSpec().getStrategy().getRollingUpdate().getMaxUnavailable().getIntVal());
  }

  @Test
  void theClusterSettingsFindThePodsOfThisDeployment() {
    Deployment deployment = only(Deployment.class);
    Container sidecar = container(deployment.getSpec().getTemplate().getSpec(), "stateside");
    Map<String, String> config = configMapOf(sidecar).getData();
    assertEquals("kubernetes-api", config.get("DISCOVERY_METHOD"));
    Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();
    assertEquals(config.get("SELECTOR_LABEL_VALUE"), podLabels.get(config.get("SELECTOR_LABEL")),
        "SELECTOR_LABEL=SELECTOR_LABEL_VALUE must select the deployment's pods");
    assertEquals(String.valueOf(deployment.getSpec().getReplicas()), config.get("REQUIRED_CONTACT_POINT_NR"));
    // Several nodes need one store they all reach.
    assertTrue(Set.of("postgres", "cassandra").contains(config.get("STATESIDE_STORE")), config.get("STATESIDE_STORE"));
    String secretName = sidecar.getEnvFrom().stream().map(EnvFromSource::getSecretRef)
        .filter(r -> r != null).findFirst().orElseThrow().getName();
    Secret secret = all(Secret.class).stream().filter(s -> s.getMetadata().getName().equals(secretName)).findFirst()
        .orElseThrow(() -> new AssertionError("no Secret " + secretName));
    assertTrue(secret.getStringData().containsKey("POSTGRES_PASSWORD"));
    assertTrue(secret.getStringData().containsKey("CASSANDRA_CONTACT_POINTS"));
  }

  @Test
  void thePodsServiceAccountMayListItsPeers() {
    PodSpec pod = only(Deployment.class).getSpec().getTemplate().getSpec();
    ServiceAccount account = only(ServiceAccount.class);
    assertEquals(account.getMetadata().getName(), pod.getServiceAccountName());
    RoleBinding binding = only(RoleBinding.class);
    Subject subject = binding.getSubjects().get(0);
    assertEquals("ServiceAccount", subject.getKind());
    assertEquals(account.getMetadata().getName(), subject.getName());
    Role role = only(Role.class);
    assertEquals("Role", binding.getRoleRef().getKind());
    assertEquals(role.getMetadata().getName(), binding.getRoleRef().getName());
    PolicyRule rule = role.getRules().stream().filter(r -> r.getResources().contains("pods")).findFirst().orElseThrow();
    assertEquals(List.of(""), rule.getApiGroups());
    assertTrue(rule.getVerbs().containsAll(List.of("get", "list", "watch")), rule.getVerbs().toString());
  }

  @Test
  void theServiceSendsClientsToTheSidecarsGrpcPort() {
    Deployment deployment = only(Deployment.class);
    Service service = only(Service.class);
    Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();
    assertTrue(podLabels.entrySet().containsAll(service.getSpec().getSelector().entrySet()),
        "the Service's selector must match the pods");
    assertTrue(podLabels.entrySet().containsAll(deployment.getSpec().getSelector().getMatchLabels().entrySet()));
    ServicePort port = service.getSpec().getPorts().get(0);
    assertEquals(9000, port.getPort());
    Container sidecar = container(deployment.getSpec().getTemplate().getSpec(), "stateside");
    assertTrue(sidecar.getPorts().stream().anyMatch(p -> p.getName().equals(port.getTargetPort().getStrVal())),
        "targetPort " + port.getTargetPort() + " is a named port of the sidecar");
  }

  // ---- helpers ----------------------------------------------------------------------------

  private static Container container(PodSpec pod, String name) {
    return pod.getContainers().stream().filter(c -> c.getName().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no container " + name));
  }

  private static String env(Container container, String name) {
    return container.getEnv().stream().filter(e -> e.getName().equals(name)).map(EnvVar::getValue).findFirst()
        .orElseThrow(() -> new AssertionError(container.getName() + " has no env " + name));
  }

  private static ConfigMap configMapOf(Container container) {
    String name = container.getEnvFrom().stream().map(EnvFromSource::getConfigMapRef).filter(r -> r != null)
        .findFirst().orElseThrow().getName();
    return all(ConfigMap.class).stream().filter(c -> c.getMetadata().getName().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no ConfigMap " + name));
  }

  private static void assertHttpProbe(Probe probe, String path, Container container) {
    assertNotNull(probe, path + " probe");
    assertEquals(path, probe.getHttpGet().getPath());
    String port = probe.getHttpGet().getPort().getStrVal();
    assertNotEquals(null, port, "probe port by name");
    assertEquals(8558, container.getPorts().stream().filter(p -> p.getName().equals(port)).findFirst().orElseThrow()
        .getContainerPort());
  }

  private static long seconds(String duration) {
    assertTrue(duration.matches("\\d+s"), "a duration in seconds: " + duration);
    return Long.parseLong(duration.substring(0, duration.length() - 1));
  }
}
