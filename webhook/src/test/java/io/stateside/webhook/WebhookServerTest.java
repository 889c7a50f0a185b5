package io.stateside.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stateside.webhook.injection.SidecarDefaults;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The webhook as the API server meets it: a real HTTPS server with a certificate from
 * docker/webhook/make-certificate, sent AdmissionReview JSON shaped like the API server's
 * (src/test/resources/reviews), its answers read back as JSON.
 */
class WebhookServerTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SidecarDefaults DEFAULTS = new SidecarDefaults("registry.example/stateside/proxy:1.2.3",
      "250m", "512Mi", "768Mi", "stateside-config", "stateside-store");

  @TempDir
  static Path certificates;
  private static WebhookServer server;
  private static HttpClient client;

  @BeforeAll
  static void start() throws Exception {
    Process script = new ProcessBuilder("bash", "../docker/webhook/make-certificate", "--san", "DNS:localhost,IP:127.0.0.1",
        certificates.toString()).redirectErrorStream(true).start();
    String output = new String(script.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(script.waitFor(60, TimeUnit.SECONDS), "make-certificate finished");
    assertEquals(0, script.exitValue(), output);
    server = WebhookServer.start(new WebhookSettings("127.0.0.1", 0, certificates.resolve("tls.crt"),
        certificates.resolve("tls.key"), DEFAULTS));
    client = HttpClient.newBuilder().sslContext(trusting(certificates.resolve("ca.crt")))
        .connectTimeout(Duration.ofSeconds(30)).build();
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  // ---- pods that get the sidecar -----------------------------------------------------------

  @Test
  void anAnnotatedPodGetsTheSidecarAsOneJsonPatchOperation() throws Exception {
    JsonNode response = allowed(fixture("annotated-pod.json"), "705ab4f5-6393-11e8-b7cc-42010a800002");
    assertEquals("JSONPatch", response.path("patchType").asText());
    JsonNode patch = JSON.readTree(Base64.getDecoder().decode(response.path("patch").asText()));
    assertEquals(1, patch.size(), patch.toString());
    assertEquals("add", patch.get(0).path("op").asText());
    assertEquals("/spec/containers/-", patch.get(0).path("path").asText());

    JsonNode sidecar = patch.get(0).path("value");
    assertEquals("stateside", sidecar.path("name").asText());
    assertEquals(DEFAULTS.image(), sidecar.path("image").asText());
    Map<String, Integer> ports = new LinkedHashMap<>();
    sidecar.path("ports").forEach(p -> ports.put(p.path("name").asText(), p.path("containerPort").asInt()));
    assertEquals(Map.of("grpc", 9000, "management", 8558, "metrics", 9090, "remoting", 2552), ports);

    Map<String, String> env = env(sidecar);
    assertEquals("8081", env.get("USER_FUNCTION_PORT"), "from stateside.io/user-function-port");
    assertEquals("127.0.0.1", env.get("USER_FUNCTION_HOST"));
    assertEquals("<getHostAddress>", env.get("REMOTING_HOST"));
    assertEquals("<hostname>", env.get("MANAGEMENT_HOST"));
    assertFalse(env.containsKey("STATESIDE_STORE"), "no store annotation: left to the ConfigMap");
    assertEquals(List.of("configMapRef stateside-config optional=true", "secretRef stateside-store optional=true"),
        envFrom(sidecar));

    assertProbe(sidecar.path("readinessProbe"), "/ready");
    assertProbe(sidecar.path("livenessProbe"), "/alive");
    assertProbe(sidecar.path("startupProbe"), "/alive");
    assertEquals("250m", sidecar.at("/resources/requests/cpu").asText());
    assertEquals("512Mi", sidecar.at("/resources/requests/memory").asText());
    assertEquals("768Mi", sidecar.at("/resources/limits/memory").asText());
    assertTrue(sidecar.at("/securityContext/runAsNonRoot").asBoolean());
    assertEquals(10001, sidecar.at("/securityContext/runAsUser").asInt());
  }

  @Test
  void theStoreAndConfigMapAnnotationsChooseTheSidecarsSettings() throws Exception {
    ObjectNode review = fixture("annotated-pod.json");
    annotations(review).put("stateside.io/store", "postgres").put("stateside.io/config-map", "cart-stateside")
        .put("stateside.io/secret", "cart-postgres");
    JsonNode sidecar = sidecarOf(allowed(review, uid(review)));
    assertEquals("postgres", env(sidecar).get("STATESIDE_STORE"));
    // Named ones must exist (optional=false): a typo in a name stops the pod rather than running it without settings.
    assertEquals(List.of("configMapRef cart-stateside optional=false", "secretRef cart-postgres optional=false"),
        envFrom(sidecar));
  }

  @Test
  void withoutAPortAnnotationTheUserFunctionIsOn8080() throws Exception {
    ObjectNode review = fixture("annotated-pod.json");
    annotations(review).remove("stateside.io/user-function-port");
    assertEquals("8080", env(sidecarOf(allowed(review, uid(review)))).get("USER_FUNCTION_PORT"));
  }

  // ---- pods left alone ---------------------------------------------------------------------

  @Test
  void aPodWithoutTheAnnotationIsLeftAlone() throws Exception {
    assertUnchanged(allowed(fixture("plain-pod.json"), "9b1d8f3a-2c4e-4f6a-8b0c-1d2e3f4a5b6c"));
  }

  @Test
  void aPodAnnotatedFalseIsLeftAlone() throws Exception {
    ObjectNode review = fixture("annotated-pod.json");
    annotations(review).put("stateside.io/enabled", "false");
    assertUnchanged(allowed(review, uid(review)));
  }

  @Test
  void aPodThatAlreadyHasTheSidecarIsNotInjectedTwice() throws Exception {
    assertUnchanged(allowed(fixture("injected-pod.json"), "3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f"));
  }

  @Test
  void anUpdateIsLeftAlone() throws Exception {
    ObjectNode review = fixture("annotated-pod.json");
    ((ObjectNode) review.path("request")).put("operation", "UPDATE");
    assertUnchanged(allowed(review, uid(review)));
  }

  // ---- pods refused ------------------------------------------------------------------------

  @Test
  void aPodWhoseContainerUsesASidecarPortIsRefused() throws Exception {
    ObjectNode review = fixture("annotated-pod.json");
    ((ObjectNode) review.at("/request/object/spec/containers/0")).putArray("ports").addObject()
        .put("name", "prometheus").put("containerPort", 9090);
    assertDenied(review, "container \"shopping-cart\" has port 9090, which the Stateside sidecar uses for metrics");
  }

  @Test
  void aPodWhoseContainerUsesASidecarPortNameIsRefused() throws Exception {
    ObjectNode review = fixture("annotated-pod.json");
    ((ObjectNode) review.at("/request/object/spec/containers/0")).putArray("ports").addObject()
        .put("name", "grpc").put("containerPort", 8081);
    assertDenied(review, "container \"shopping-cart\" has a port named \"grpc\"");
  }

  @Test
  void badAnnotationValuesAreRefusedNamingTheAnnotation() throws Exception {
    Map<String, String> cases = new LinkedHashMap<>();
    cases.put("stateside.io/enabled=yes", "stateside.io/enabled must be \"true\" or \"false\", not \"yes\"");
    cases.put("stateside.io/user-function-port=http",
        "stateside.io/user-function-port must be a port number from 1 to 65535, not \"http\"");
    cases.put("stateside.io/user-function-port=70000",
        "stateside.io/user-function-port must be a port number from 1 to 65535, not \"70000\"");
    cases.put("stateside.io/user-function-port=9000",
        "stateside.io/user-function-port is 9000, the port the sidecar itself uses for grpc");
    cases.put("stateside.io/store=mysql",
        "stateside.io/store must be one of [embedded, memory, h2, postgres, cassandra], not \"mysql\"");
    cases.put("stateside.io/config-map=Cart_Settings", "stateside.io/config-map must name a Kubernetes object");
    cases.put("stateside.io/user-function-prot=8081", "unknown annotation stateside.io/user-function-prot");
    for (Map.Entry<String, String> c : cases.entrySet()) {
      ObjectNode review = fixture("annotated-pod.json");
      String[] annotation = c.getKey().split("=", 2);
      annotations(review).put(annotation[0], annotation[1]);
      assertDenied(review, c.getValue());
    }
  }

  // ---- requests that are no review to answer -----------------------------------------------

  @Test
  void malformedReviewsGetA400SayingWhatIsWrong() throws Exception {
    ObjectNode noUid = fixture("annotated-pod.json");
    ((ObjectNode) noUid.path("request")).remove("uid");
    ObjectNode v1beta1 = fixture("annotated-pod.json").put("apiVersion", "admission.k8s.io/v1beta1");
    ObjectNode noRequest = fixture("annotated-pod.json");
    noRequest.remove("request");
    Map<String, String> cases = new LinkedHashMap<>();
    cases.put("{\"kind\": \"AdmissionReview\", ", "malformed AdmissionReview: the body is not JSON");
    cases.put("[1, 2]", "malformed AdmissionReview: the body is not a JSON object");
    cases.put(v1beta1.toString(),
        "malformed AdmissionReview: apiVersion is \"admission.k8s.io/v1beta1\", expected \"admission.k8s.io/v1\"");
    cases.put(noRequest.toString(), "malformed AdmissionReview: the AdmissionReview has no request");
    cases.put(noUid.toString(), "malformed AdmissionReview: the AdmissionReview's request has no uid");
    for (Map.Entry<String, String> c : cases.entrySet()) {
      HttpResponse<String> response = post(c.getKey());
      assertEquals(400, response.statusCode(), c.getKey());
      assertTrue(response.body().startsWith(c.getValue()), response.body());
    }
  }

  @Test
  void onlyPostMutateIsServed() throws Exception {
    HttpResponse<String> get = client.send(HttpRequest.newBuilder(uri("/mutate")).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(405, get.statusCode());
    HttpResponse<String> elsewhere = client.send(HttpRequest.newBuilder(uri("/mutate/pods"))
        .POST(HttpRequest.BodyPublishers.ofString(fixture("annotated-pod.json").toString())).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(404, elsewhere.statusCode());
    HttpResponse<String> health = client.send(HttpRequest.newBuilder(uri("/healthz")).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, health.statusCode());
  }

  // ---- helpers -----------------------------------------------------------------------------

  private static ObjectNode fixture(String name) throws IOException {
    try (InputStream in = WebhookServerTest.class.getResourceAsStream("/reviews/" + name)) {
      return (ObjectNode) JSON.readTree(in);
    }
  }

  private static ObjectNode annotations(ObjectNode review) {
    return (ObjectNode) review.at("/request/object/metadata/annotations");
  }

  private static String uid(JsonNode review) {
    return review.at("/request/uid").asText();
  }

  private static URI uri(String path) {
    return URI.create("https://localhost:" + server.port() + path);
  }

  private static HttpResponse<String> post(String body) throws IOException, InterruptedException {
    return client.send(HttpRequest.newBuilder(uri("/mutate")).timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Posts the review; checks it is answered with a v1 AdmissionReview for its uid; returns the response. */
  private static JsonNode review(JsonNode review, String uid) throws IOException, InterruptedException {
    HttpResponse<String> http = post(review.toString());
    assertEquals(200, http.statusCode(), http.body());
    assertEquals("application/json", http.headers().firstValue("Content-Type").orElse(""));
    JsonNode answer = JSON.readTree(http.body());
    assertEquals("admission.k8s.io/v1", answer.path("apiVersion").asText());
    assertEquals("AdmissionReview", answer.path("kind").asText());
    assertEquals(uid, answer.at("/response/uid").asText());
    return answer.path("response");
  }

  private static JsonNode allowed(JsonNode review, String uid) throws IOException, InterruptedException {
    JsonNode response = review(review, uid);
    assertTrue(response.path("allowed").asBoolean(), response.toString());
    return response;
  }

  private static void assertDenied(JsonNode review, String messagePart) throws IOException, InterruptedException {
    JsonNode response = review(review, uid(review));
    assertFalse(response.path("allowed").asBoolean(true), response.toString());
    assertFalse(response.has("patch"), response.toString());
    assertEquals(400, response.at("/status/code").asInt());
    String message = response.at("/status/message").asText();
    assertTrue(message.startsWith("cannot inject the Stateside sidecar: "), message);
    assertTrue(message.contains(messagePart), message + "\n  should contain: " + messagePart);
  }

  private static void assertUnchanged(JsonNode response) {
    assertFalse(response.has("patch"), response.toString());
    assertFalse(response.has("patchType"), response.toString());
  }

  private static JsonNode sidecarOf(JsonNode response) throws IOException {
    ArrayNode patch = (ArrayNode) JSON.readTree(Base64.getDecoder().decode(response.path("patch").asText()));
    return patch.get(0).path("value");
  }

  private static Map<String, String> env(JsonNode container) {
    Map<String, String> env = new LinkedHashMap<>();
    container.path("env").forEach(e -> env.put(e.path("name").asText(), e.path("value").asText()));
    return env;
  }

  private static List<String> envFrom(JsonNode container) {
    List<String> sources = new ArrayList<>();
    container.path("envFrom").forEach(source -> source.properties().forEach(ref -> sources.add(
        ref.getKey() + " " + ref.getValue().path("name").asText() + " optional=" + ref.getValue().path("optional").asBoolean())));
    return sources;
  }

  private static void assertProbe(JsonNode probe, String path) {
    assertEquals(path, probe.at("/httpGet/path").asText(), probe.toString());
    assertEquals("management", probe.at("/httpGet/port").asText(), probe.toString());
  }

  private static SSLContext trusting(Path caCertificate) throws Exception {
    KeyStore trusted = KeyStore.getInstance("PKCS12");
    trusted.load(null, null);
    try (InputStream in = Files.newInputStream(caCertificate)) {
      trusted.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(trusted);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, trust.getTrustManagers(), null);
    return context;
  }
}
