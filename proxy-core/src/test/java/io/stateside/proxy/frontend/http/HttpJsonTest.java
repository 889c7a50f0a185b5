package io.stateside.proxy.frontend.http;

import static io.stateside.proxy.frontend.http.ProbeService.HTTP_BODY;
import static io.stateside.proxy.frontend.http.ProbeService.get;
import static io.stateside.proxy.frontend.http.ProbeService.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.ActorSystem;
import com.google.api.CustomHttpPattern;
import com.google.api.HttpRule;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Timestamp;
import com.google.protobuf.util.JsonFormat;
import com.typesafe.config.ConfigFactory;
import io.stateside.example.probe.Color;
import io.stateside.example.probe.Inner;
import io.stateside.example.probe.Probe;
import io.stateside.example.probe.ProbeProto;
import io.stateside.proxy.StatesideProxy;
import io.stateside.proxy.entity.EntityKind;
import io.stateside.proxy.frontend.http.ProbeService.Method;
import io.stateside.proxy.testing.CounterUserFunction;
import io.stateside.proxy.testing.ProxyHarness;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The user's methods called as HTTP/JSON through a real proxy with the JDK's HTTP client: each
 * google.api.http rule feature, the default binding, errors, large and Unicode requests, and a
 * server-streaming method as newline-delimited JSON and as Server-Sent Events.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpJsonTest {

  static final List<Method> METHODS = List.of(
      Method.unary("Get", HttpRule.newBuilder().setGet("/v1/probes/{id}")
          .addAdditionalBindings(get("/v1/items/{id}")).build()),
      Method.unary("Nested", get("/v1/shelves/{inner.name}/levels/{inner.level}")),
      Method.unary("Wildcards", get("/v1/{id=projects/*}/files/{rest=**}")),
      Method.unary("Create", post("/v1/probes", "*")),
      Method.unary("Update", HttpRule.newBuilder().setPut("/v1/probes/{id}").setBody("inner").build()),
      Method.unary("Rename", HttpRule.newBuilder().setPatch("/v1/probes/{id}/text").setBody("text").build()),
      Method.unary("Remove", HttpRule.newBuilder().setDelete("/v1/probes/{id}").build()),
      Method.unary("Archive", post("/v1/probes/{id}:archive", "")),
      Method.unary("List", HttpRule.newBuilder()
          .setCustom(CustomHttpPattern.newBuilder().setKind("LIST").setPath("/v1/probes")).build()),
      Method.unary("Text", HttpRule.newBuilder().setGet("/v1/probes/{id}/text").setResponseBody("text").build()),
      Method.unary("Upload", post("/v1/blobs", "*")).types(HTTP_BODY, HTTP_BODY),
      Method.serverStreaming("Repeat", get("/v1/probes/{id}:repeat")),
      Method.withoutRule("Plain"));

  private static final JsonFormat.Parser JSON = JsonFormat.parser()
      .usingTypeRegistry(JsonFormat.TypeRegistry.newBuilder().add(ProbeProto.getDescriptor().getMessageTypes()).build());

  private ActorSystem userSide;
  private CounterUserFunction userFunction;
  private StatesideProxy proxy;
  private final HttpClient http = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(20)).build();

  @BeforeAll
  void start() {
    userSide = ProxyHarness.userSideSystem();
    userFunction = CounterUserFunction.start(userSide, CounterUserFunction.Options.defaults()
        .withSpec(spec -> ProbeKind.withProbeService(spec, METHODS)));
    List<EntityKind> kinds = new ArrayList<>(StatesideProxy.standardKinds());
    kinds.add(new ProbeKind());
    proxy = StatesideProxy.start(ProxyHarness.config(userFunction.port(),
            ConfigFactory.parseMap(Map.of("stateside.proxy.limits.max-message-size", "64KiB"))), kinds)
        .toCompletableFuture().join();
  }

  @AfterAll
  void stop() {
    ProxyHarness.stop(proxy);
    userFunction.close();
    userSide.terminate();
  }

  HttpResponse<String> send(String method, String path, String body, String... headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + proxy.httpPort() + path))
        .timeout(Duration.ofSeconds(30))
        .method(method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body));
    if (headers.length > 0) {
      request.headers(headers);
    }
    try {
      return http.send(request.build(), BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The probe a successful call answered. */
  private Probe probe(HttpResponse<String> response) {
    assertEquals(200, response.statusCode(), response.body());
    assertTrue(response.headers().firstValue("content-type").orElse("").startsWith("application/json"));
    return parse(response.body());
  }

  private static Probe parse(String json) {
    Probe.Builder probe = Probe.newBuilder();
    try {
      JSON.merge(json, probe);
    } catch (InvalidProtocolBufferException e) {
      throw new AssertionError("not a Probe: " + json, e);
    }
    return probe.build();
  }

  private static JsonObject error(HttpResponse<String> response, int httpStatus, String grpcStatus) {
    assertEquals(httpStatus, response.statusCode(), response.body());
    JsonObject error = JsonParser.parseString(response.body()).getAsJsonObject();
    assertEquals(io.grpc.Status.Code.valueOf(grpcStatus).value(), error.get("code").getAsInt(), response.body());
    assertEquals(grpcStatus, error.get("status").getAsString());
    return error;
  }

  @Test
  void aPathVariableAndQueryParametersFillTheRequestMessage() {
    Probe probe = probe(send("GET", "/v1/probes/p1?count=5&tags=a&tags=b&color=GREEN&flag=true"
        + "&inner.name=n&at=2020-01-02T03:04:05Z&numbers=7&numbers=8", null));

    assertEquals(Probe.newBuilder().setId("p1").setCount(5).addTags("a").addTags("b").setColor(Color.GREEN)
        .setFlag(true).setInner(Inner.newBuilder().setName("n"))
        .setAt(Timestamp.newBuilder().setSeconds(1577934245)).addNumbers(7).addNumbers(8).build(), probe);
  }

  @Test
  void anAdditionalBindingServesTheSameMethod() {
    assertEquals("p2", probe(send("GET", "/v1/items/p2", null)).getId());
  }

  @Test
  void pathVariablesFillNestedFields() {
    assertEquals(Inner.newBuilder().setName("books").setLevel(7).build(),
        probe(send("GET", "/v1/shelves/books/levels/7", null)).getInner());
  }

  @Test
  void aVariableTakesItsSegmentPatternAndDoubleStarTakesTheRestOfThePath() {
    Probe probe = probe(send("GET", "/v1/projects/alpha/files/a/b/c.txt", null));

    assertEquals("projects/alpha", probe.getId());
    assertEquals("a/b/c.txt", probe.getRest());
  }

  @Test
  void aWholeMessageBodyIsTheRequestWithAnyResolvedFromTheUsersTypes() {
    Probe probe = probe(send("POST", "/v1/probes", "{\"id\": \"x\", \"numbers\": [1, 2], \"color\": \"RED\","
        + " \"extra\": {\"@type\": \"type.googleapis.com/stateside.example.probe.Inner\", \"name\": \"in-any\"}}",
        "Content-Type", "application/json"));

    assertEquals(Probe.newBuilder().setId("x").addNumbers(1).addNumbers(2).setColor(Color.RED)
        .setExtra(Any.pack(Inner.newBuilder().setName("in-any").build())).build(), probe);
  }

  @Test
  void aBodyFieldTakesTheBodyAndQueryParametersTheOtherFields() {
    Probe probe = probe(send("PUT", "/v1/probes/p3?count=2", "{\"name\": \"inside\", \"level\": 3}"));

    assertEquals(Probe.newBuilder().setId("p3").setCount(2)
        .setInner(Inner.newBuilder().setName("inside").setLevel(3)).build(), probe);
  }

  @Test
  void aScalarBodyFieldTakesAJsonValue() {
    Probe probe = probe(send("PATCH", "/v1/probes/p4/text", "\"new text\""));

    assertEquals(Probe.newBuilder().setId("p4").setText("new text").build(), probe);
  }

  @Test
  void aDeleteWithoutBodyIsServed() {
    assertEquals("p5", probe(send("DELETE", "/v1/probes/p5", null)).getId());
  }

  @Test
  void aCustomVerbAndACustomMethodAreServed() {
    assertEquals("p6", probe(send("POST", "/v1/probes/p6:archive", null)).getId());
    assertEquals(List.of("listed"), probe(send("LIST", "/v1/probes?tags=listed", null)).getTagsList());
  }

  @Test
  void responseBodyAnswersOneFieldOfTheReply() {
    HttpResponse<String> response = send("GET", "/v1/probes/p7/text?text=just%20this", null);

    assertEquals(200, response.statusCode(), response.body());
    assertEquals("\"just this\"", response.body());
  }

  @Test
  void aMethodWithoutRuleHasTheDefaultBinding() {
    assertEquals("plain", probe(send("POST", "/" + ProbeService.NAME + "/Plain", "{\"id\": \"plain\"}")).getId());
  }

  @Test
  void anHttpBodyIsTheRawRequestAndResponse() {
    HttpResponse<String> response = send("POST", "/v1/blobs", "a,b\n1,2\n", "Content-Type", "text/csv");

    assertEquals(200, response.statusCode(), response.body());
    assertTrue(response.headers().firstValue("content-type").orElse("").startsWith("text/csv"),
        response.headers().toString());
    assertEquals("a,b\n1,2\n", response.body());
  }

  @Test
  void unicodeInPathVariablesArrivesDecoded() {
    assertEquals("✓ café/日本", probe(send("GET", "/v1/probes/%E2%9C%93%20caf%C3%A9%2F%E6%97%A5%E6%9C%AC", null)).getId());
  }

  @Test
  void aThirtyTwoKibibyteBodyIsServedWhole() {
    String text = "ü".repeat(16 * 1024);  // two bytes each in UTF-8
    Probe probe = probe(send("POST", "/v1/probes", "{\"id\": \"big\", \"text\": \"" + text + "\"}"));

    assertEquals(text, probe.getText());
  }

  @Test
  void aBodyOverTheMessageSizeLimitIsRefusedWith413() {
    // Many times: the refusal must reach the client every time, not only when it reads it before
    // the connection closes (a race that lost about 1 in 100 before the body was drained).
    String text = "x".repeat(100 * 1024);
    for (int i = 0; i < 100; i++) {
      error(send("POST", "/v1/probes", "{\"text\": \"" + text + "\"}"), 413, "RESOURCE_EXHAUSTED");
    }
  }

  @Test
  void aRealEntityIsServedThroughTheDefaultBinding() {
    HttpResponse<String> increased = send("POST", "/stateside.example.counter.CounterService/Increase",
        "{\"counterId\": \"http-counter\", \"by\": 4}");
    assertEquals(200, increased.statusCode(), increased.body());
    assertEquals("{\"value\":\"4\"}", increased.body());
    HttpResponse<String> got = send("POST", "/stateside.example.counter.CounterService/Get",
        "{\"counter_id\": \"http-counter\"}");
    assertEquals("{\"value\":\"4\"}", got.body());
  }

  @ParameterizedTest
  @CsvSource({
      "NOT_FOUND, 404", "INVALID_ARGUMENT, 400", "FAILED_PRECONDITION, 400", "ALREADY_EXISTS, 409",
      "PERMISSION_DENIED, 403", "UNAUTHENTICATED, 401", "RESOURCE_EXHAUSTED, 429", "UNIMPLEMENTED, 501",
      "DEADLINE_EXCEEDED, 504", "UNKNOWN, 500"})
  void aFailedCallAnswersItsGrpcStatusAsHttpStatusWithCodeAndMessage(String grpcStatus, int httpStatus) {
    JsonObject error = error(send("POST", "/v1/probes", "{\"failWith\": \"" + grpcStatus + "\"}"), httpStatus, grpcStatus);

    assertEquals("failed as asked: " + grpcStatus, error.get("message").getAsString());
  }

  @Test
  void anUnavailableEntityIsA503() {
    error(send("POST", "/v1/probes", "{\"failWith\": \"UNAVAILABLE\"}"), 503, "UNAVAILABLE");
  }

  @Test
  void aBadValueIs400NamingTheField() {
    JsonObject error = error(send("POST", "/v1/probes", "{\"id\": \"ok\", \"count\": \"many\"}"), 400, "INVALID_ARGUMENT");
    assertTrue(error.get("message").getAsString().contains("'count'"), error.toString());

    error = error(send("GET", "/v1/probes/q?color=PURPLE", null), 400, "INVALID_ARGUMENT");
    assertTrue(error.get("message").getAsString().contains("'color'"), error.toString());
  }

  @Test
  void anUnknownFieldOrQueryParameterIs400NamingIt() {
    JsonObject error = error(send("POST", "/v1/probes", "{\"nosuch\": 1}"), 400, "INVALID_ARGUMENT");
    assertTrue(error.get("message").getAsString().contains("nosuch"), error.toString());

    error = error(send("GET", "/v1/probes/q?nosuch=1", null), 400, "INVALID_ARGUMENT");
    assertTrue(error.get("message").getAsString().contains("nosuch"), error.toString());
  }

  @Test
  void queryParametersTheRuleDoesNotLeaveOpenAre400() {
    JsonObject error = error(send("POST", "/v1/probes?count=1", "{}"), 400, "INVALID_ARGUMENT");
    assertTrue(error.get("message").getAsString().contains("the body is the whole request message"), error.toString());

    error = error(send("GET", "/v1/probes/q?id=other", null), 400, "INVALID_ARGUMENT");
    assertTrue(error.get("message").getAsString().contains("'id' names a field the path or body already gives"),
        error.toString());

    error = error(send("GET", "/v1/probes/q?count=1&count=2", null), 400, "INVALID_ARGUMENT");
    assertTrue(error.get("message").getAsString().contains("given 2 times for a singular field"), error.toString());
  }

  @Test
  void aBodyThatIsNoJsonIs400() {
    JsonObject error = error(send("POST", "/v1/probes", "{\"id\": "), 400, "INVALID_ARGUMENT");
    assertTrue(error.get("message").getAsString().contains("not valid JSON"), error.toString());
  }

  @Test
  void aRequestNoBindingMatchesIs404() {
    JsonObject error = error(send("GET", "/v2/nothing/here", null), 404, "NOT_FOUND");
    assertTrue(error.get("message").getAsString().contains("GET /v2/nothing/here"), error.toString());
  }

  @Test
  void aServerStreamingMethodAnswersNewlineDelimitedJson() throws InvalidProtocolBufferException {
    HttpResponse<String> response = send("GET", "/v1/probes/s1:repeat?count=2", null);

    assertEquals(200, response.statusCode(), response.body());
    assertTrue(response.headers().firstValue("content-type").orElse("").startsWith("application/x-ndjson"));
    String line = JsonFormat.printer().omittingInsignificantWhitespace().includingDefaultValueFields()
        .usingTypeRegistry(JsonFormat.TypeRegistry.newBuilder().add(Probe.getDescriptor()).build())
        .print(Probe.newBuilder().setId("s1").setCount(2).build());
    assertEquals(line + "\n" + line + "\n", response.body());
  }

  @Test
  void aServerStreamingMethodAnswersServerSentEventsWhenAsked() {
    HttpResponse<String> response = send("GET", "/v1/probes/s2:repeat?count=2", null, "Accept", "text/event-stream");

    assertEquals(200, response.statusCode(), response.body());
    assertTrue(response.headers().firstValue("content-type").orElse("").startsWith("text/event-stream"));
    String[] events = response.body().split("\n\n");
    assertEquals(2, events.length, response.body());
    for (String event : events) {
      assertTrue(event.startsWith("data: "), event);
      assertEquals(Probe.newBuilder().setId("s2").setCount(2).build(), parse(event.substring("data: ".length())));
    }
  }

  @Test
  void aStreamThatFailsEndsWithTheError() {
    HttpResponse<String> lines = send("GET", "/v1/probes/s3:repeat?count=1&fail_with=NOT_FOUND", null);
    String[] parts = lines.body().split("\n");
    assertEquals(2, parts.length, lines.body());
    assertEquals("s3", parse(parts[0]).getId());
    JsonObject error = JsonParser.parseString(parts[1]).getAsJsonObject().getAsJsonObject("error");
    assertEquals(5, error.get("code").getAsInt(), parts[1]);

    HttpResponse<String> events = send("GET", "/v1/probes/s4:repeat?count=1&fail_with=NOT_FOUND", null,
        "Accept", "text/event-stream");
    String[] sent = events.body().split("\n\n");
    assertEquals(2, sent.length, events.body());
    assertTrue(sent[1].startsWith("event: error\ndata: {\"code\":5,\"status\":\"NOT_FOUND\""), sent[1]);
  }
}
