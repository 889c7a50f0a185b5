package io.stateside.samples.shoppingcart;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.stateside.proxy.testing.NodeScripts;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The cart driven over gRPC-web through the real proxy by the grpc-web client library under
 * Node (src/test/grpc-web/cart-client.js), in both framings, including a refused command.
 */
class CartGrpcWebTest {

  private static CartStack stack;
  private static NodeScripts client;

  @BeforeAll
  static void start() throws Exception {
    // The wire-format helper is the proxy's tests' own, as this module's protos borrow the protocols'.
    client = NodeScripts.install(List.of(
            Path.of("src/test/grpc-web/package.json"),
            Path.of("src/test/grpc-web/cart-client.js"),
            Path.of("../../proxy-core/src/test/grpc-web/protobuf-wire.js")),
        Path.of("target/grpc-web-client"), "grpc-web");
    stack = CartStack.start(Duration.ofSeconds(30), 100);
  }

  @AfterAll
  static void stop() {
    stack.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"binary", "text"})
  void aBrowserClientAddsItemsReadsTheCartAndSeesARefusal(String format) throws Exception {
    String user = "web-" + format;
    List<String> answers = client.node(
        List.of("cart-client.js", String.valueOf(stack.proxyPort()), format, user), Duration.ofMinutes(2)).lines().toList();

    assertEquals(List.of(
        "{}",
        "{}",
        "{\"items\":[{\"productId\":\"apple\",\"quantity\":3},{\"productId\":\"pear\",\"quantity\":1}]}",
        "{\"error\":{\"code\":2,\"message\":\"Quantity for item cherry must be greater than zero.\"}}"), answers);
  }
}
