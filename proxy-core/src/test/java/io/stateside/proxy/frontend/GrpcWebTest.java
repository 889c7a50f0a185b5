package io.stateside.proxy.frontend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.stateside.proxy.testing.NodeScripts;
import io.stateside.proxy.testing.ProxyFixture;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * gRPC-web through a real proxy, called by the grpc-web client library under Node (installed
 * from npm into target/ on first use), in both framings, and a browser's CORS preflight.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GrpcWebTest {

  private ProxyFixture fixture;
  private NodeScripts client;

  @BeforeAll
  void start() throws IOException, InterruptedException {
    Path sources = Path.of("src/test/grpc-web");
    client = NodeScripts.install(
        Stream.of("package.json", "counter-client.js", "protobuf-wire.js").map(sources::resolve).toList(),
        Path.of("target/grpc-web-client"), "grpc-web");
    fixture = ProxyFixture.start();
  }

  @AfterAll
  void stop() {
    fixture.close();
  }

  private List<JsonObject> callWith(String format) throws IOException, InterruptedException {
    String out = client.node(List.of("counter-client.js", String.valueOf(fixture.proxy().httpPort()), format,
        "web-" + format), Duration.ofMinutes(2));
    return out.lines().map(line -> JsonParser.parseString(line).getAsJsonObject()).toList();
  }

  private static void assertCalls(List<JsonObject> answers) {
    assertEquals(3, answers.size(), answers.toString());
    assertTrue(answers.get(0).has("value") && answers.get(1).has("value"), answers.toString());
    assertEquals(3, answers.get(0).get("value").getAsLong(), answers.toString());
    assertEquals(7, answers.get(1).get("value").getAsLong(), answers.toString());
    JsonObject error = answers.get(2).getAsJsonObject("error");
    assertEquals(io.grpc.Status.Code.INVALID_ARGUMENT.value(), error.get("code").getAsInt(), answers.toString());
    assertTrue(error.get("message").getAsString().contains("empty"), answers.toString());
  }

  @Test
  void theGrpcWebClientCallsInBinaryFraming() throws Exception {
    assertCalls(callWith("binary"));
  }

  @Test
  void theGrpcWebClientCallsInTextFraming() throws Exception {
    assertCalls(callWith("text"));
  }

  @Test
  void aBrowsersPreflightIsAnsweredWithTheGrpcHeadersExposed() throws Exception {
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    URI uri = URI.create("http://127.0.0.1:" + fixture.proxy().httpPort() + "/stateside.example.counter.CounterService/Increase");
    HttpResponse<String> preflight = http.send(HttpRequest.newBuilder(uri)
        .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
        .header("Origin", "http://app.example")
        .header("Access-Control-Request-Method", "POST")
        .header("Access-Control-Request-Headers", "content-type,x-grpc-web,x-user-agent")
        .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());

    assertEquals(200, preflight.statusCode(), preflight.body());
    assertEquals("http://app.example", preflight.headers().firstValue("access-control-allow-origin").orElse(""));
    assertTrue(preflight.headers().firstValue("access-control-allow-methods").orElse("").contains("POST"));

    HttpResponse<String> call = http.send(HttpRequest.newBuilder(uri)
        .POST(HttpRequest.BodyPublishers.ofString("{\"counterId\": \"cors\", \"by\": 1}"))
        .header("Origin", "http://app.example")
        .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, call.statusCode(), call.body());
    assertTrue(call.headers().firstValue("access-control-expose-headers").orElse("").contains("grpc-status"),
        call.headers().toString());
  }
}
