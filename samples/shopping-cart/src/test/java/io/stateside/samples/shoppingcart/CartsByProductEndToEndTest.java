package io.stateside.samples.shoppingcart;

import static io.stateside.samples.shoppingcart.CartStack.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import akka.actor.ActorSystem;
import akka.grpc.GrpcClientSettings;
import io.stateside.javasupport.UserFunction;
import io.stateside.javasupport.UserFunctionServer;
import io.stateside.proxy.StatesideProxy;
import io.stateside.proxy.testing.ProxyHarness;
import io.stateside.samples.shoppingcart.api.AddLineItem;
import io.stateside.samples.shoppingcart.api.CartQuantity;
import io.stateside.samples.shoppingcart.api.GetProductCartsRequest;
import io.stateside.samples.shoppingcart.api.ProductCartsServiceClient;
import io.stateside.samples.shoppingcart.api.RemoveLineItem;
import io.stateside.samples.shoppingcart.api.ShoppingCartServiceClient;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The "carts by product" read model behind the real proxy (memory store), as the sample's Main
 * serves it without Kafka: carts change through the proxy, the proxy delivers their events from
 * the journal to CartsByProduct, which forwards them to the products' entities. The read model
 * lags the carts, so each check polls until it shows the expected carts.
 */
class CartsByProductEndToEndTest {

  /** How long the read model may take to catch up; generous, as the machine may be busy. */
  private static final Duration CATCH_UP = Duration.ofSeconds(30);

  private static UserFunctionServer userFunction;
  private static ActorSystem clientSide;
  private static StatesideProxy proxy;
  private static ShoppingCartServiceClient carts;
  private static ProductCartsServiceClient products;

  @BeforeAll
  static void start() {
    UserFunction.Builder builder = UserFunction.builder().serviceName("carts-by-product-test").host("127.0.0.1").port(0);
    Main.definitions(Map.of()).forEach(builder::register);
    userFunction = await(builder.build().start());
    clientSide = ProxyHarness.userSideSystem();
    proxy = ProxyHarness.start(userFunction.port());
    GrpcClientSettings settings = GrpcClientSettings.connectToServiceAt("127.0.0.1", proxy.httpPort(), clientSide)
        .withTls(false)
        .withDeadline(Duration.ofSeconds(20));
    carts = ShoppingCartServiceClient.create(settings, clientSide);
    products = ProductCartsServiceClient.create(settings, clientSide);
  }

  @AfterAll
  static void stop() {
    await(carts.close());
    await(products.close());
    ProxyHarness.stop(proxy);
    clientSide.terminate();
    await(userFunction.stop());
  }

  private static void add(String cart, String product, int quantity) {
    await(carts.addItem(AddLineItem.newBuilder().setUserId(cart).setProductId(product).setQuantity(quantity).build()));
  }

  private static void remove(String cart, String product) {
    await(carts.removeItem(RemoveLineItem.newBuilder().setUserId(cart).setProductId(product).build()));
  }

  private static List<CartQuantity> cartsHolding(String product) {
    return await(products.getProductCarts(GetProductCartsRequest.newBuilder().setProductId(product).build())).getCartsList();
  }

  private static CartQuantity cart(String id, int quantity) {
    return CartQuantity.newBuilder().setCartId(id).setQuantity(quantity).build();
  }

  /** Asks until the answer is the expected one, and fails with the last answer if it never is. */
  private static <T> void eventually(String what, T expected, Callable<T> ask) throws Exception {
    long deadline = System.nanoTime() + CATCH_UP.toNanos();
    T last = ask.call();
    while (!Objects.equals(expected, last) && System.nanoTime() < deadline) {
      Thread.sleep(100);
      last = ask.call();
    }
    assertEquals(expected, last, what + " within " + CATCH_UP);
  }

  @Test
  void eachProductListsTheCartsHoldingItWithTheirQuantities() throws Exception {
    add("e2e-ann", "e2e-apple", 3);
    add("e2e-bob", "e2e-apple", 1);
    add("e2e-ann", "e2e-banana", 2);
    add("e2e-ann", "e2e-apple", 2);

    eventually("the carts holding e2e-apple", List.of(cart("e2e-ann", 5), cart("e2e-bob", 1)),
        () -> cartsHolding("e2e-apple"));
    eventually("the carts holding e2e-banana", List.of(cart("e2e-ann", 2)), () -> cartsHolding("e2e-banana"));
  }

  @Test
  void aCartThatRemovesTheProductLeavesItsList() throws Exception {
    add("e2e-cat", "e2e-cherry", 2);
    eventually("the carts holding e2e-cherry", List.of(cart("e2e-cat", 2)), () -> cartsHolding("e2e-cherry"));

    remove("e2e-cat", "e2e-cherry");
    eventually("the carts holding e2e-cherry after the removal", List.of(), () -> cartsHolding("e2e-cherry"));
  }

  @Test
  void binCartPrintsTheCartsHoldingAProduct() throws Exception {
    add("e2e-eve", "e2e-elderberry", 1);
    add("e2e-fay", "e2e-elderberry", 6);
    List<String> args = List.of("--port", String.valueOf(proxy.httpPort()), "product", "e2e-elderberry");

    eventually("bin/cart product e2e-elderberry",
        "Carts holding e2e-elderberry:" + System.lineSeparator() + "  e2e-eve x 1" + System.lineSeparator() + "  e2e-fay x 6",
        () -> cli(args));
    assertEquals("No cart holds e2e-fig.", cli(List.of("--port", String.valueOf(proxy.httpPort()), "product", "e2e-fig")));
  }

  /** What bin/cart prints; fails if it exits with an error. */
  private static String cli(List<String> args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = CartCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(0, status, err.toString(StandardCharsets.UTF_8));
    return out.toString(StandardCharsets.UTF_8).strip();
  }

  @Test
  void theReadModelIsServedAsHttpJsonByItsRule() throws Exception {
    add("e2e-dan", "e2e-date", 4);
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    HttpRequest get = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + proxy.httpPort() + "/products/e2e-date/carts"))
        .timeout(Duration.ofSeconds(20)).build();

    eventually("GET /products/e2e-date/carts",
        "200 {\"productId\":\"e2e-date\",\"carts\":[{\"cartId\":\"e2e-dan\",\"quantity\":4}]}",
        () -> {
          HttpResponse<String> response = http.send(get, HttpResponse.BodyHandlers.ofString());
          return response.statusCode() + " " + response.body();
        });
  }
}
