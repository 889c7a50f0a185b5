package io.stateside.samples.shoppingcart;

import static io.stateside.samples.shoppingcart.CartStack.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import akka.actor.ActorSystem;
import akka.grpc.GrpcClientSettings;
import akka.stream.javadsl.Source;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.stateside.javasupport.UserFunction;
import io.stateside.javasupport.UserFunctionServer;
import io.stateside.proxy.StatesideProxy;
import io.stateside.proxy.testing.ProxyHarness;
import io.stateside.samples.shoppingcart.api.AddLineItem;
import io.stateside.samples.shoppingcart.api.Cart;
import io.stateside.samples.shoppingcart.api.CartGatewayClient;
import io.stateside.samples.shoppingcart.api.GetShoppingCart;
import io.stateside.samples.shoppingcart.api.LineItem;
import io.stateside.samples.shoppingcart.api.ShoppingCartServiceClient;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The gateway and the cart behind the real proxy, as the sample's Main serves them. */
class CartGatewayEndToEndTest {

  private static UserFunctionServer userFunction;
  private static ActorSystem clientSide;
  private static StatesideProxy proxy;
  private static CartGatewayClient gateway;
  private static ShoppingCartServiceClient carts;

  @BeforeAll
  static void start() {
    userFunction = await(UserFunction.builder()
        .serviceName("cart-gateway-test")
        .host("127.0.0.1")
        .port(0)
        .register(ShoppingCartEntity.definition())
        .register(CartGateway.definition())
        .build()
        .start());
    clientSide = ProxyHarness.userSideSystem();
    proxy = ProxyHarness.start(userFunction.port());
    GrpcClientSettings settings = GrpcClientSettings.connectToServiceAt("127.0.0.1", proxy.httpPort(), clientSide)
        .withTls(false)
        .withDeadline(Duration.ofSeconds(20));
    gateway = CartGatewayClient.create(settings, clientSide);
    carts = ShoppingCartServiceClient.create(settings, clientSide);
  }

  @AfterAll
  static void stop() {
    await(gateway.close());
    await(carts.close());
    ProxyHarness.stop(proxy);
    clientSide.terminate();
    await(userFunction.stop());
  }

  private static AddLineItem line(String user, String product, int quantity) {
    return AddLineItem.newBuilder().setUserId(user).setProductId(product).setQuantity(quantity).build();
  }

  private static List<LineItem> cart(String user) {
    return await(carts.getCart(GetShoppingCart.newBuilder().setUserId(user).build())).getItemsList();
  }

  private static LineItem item(String product, int quantity) {
    return LineItem.newBuilder().setProductId(product).setQuantity(quantity).build();
  }

  @Test
  void aGoodLineReachesTheCartThroughTheGateway() {
    await(gateway.addItem(line("gw-alice", "apple", 3)));
    assertEquals(List.of(item("apple", 3)), cart("gw-alice"));
  }

  @Test
  void aRefusedLineNeverReachesTheCart() {
    StatusRuntimeException refused = assertThrows(StatusRuntimeException.class,
        () -> await(gateway.addItem(line("gw-bob", "pear", 1))));
    assertEquals(Status.Code.UNKNOWN, refused.getStatus().getCode());
    assertEquals("'pear' is not on sale.", refused.getStatus().getDescription());
    assertEquals(List.of(), cart("gw-bob"));
  }

  @Test
  void theCartsOwnRefusalComesBackThroughTheForward() {
    StatusRuntimeException refused = assertThrows(StatusRuntimeException.class,
        () -> await(gateway.addItem(line("gw-carol", "apple", 0))));
    assertEquals("Quantity for item apple must be greater than zero.", refused.getStatus().getDescription());
  }

  @Test
  void aStreamOfLinesIsAddedWholeBeforeTheReply() {
    await(gateway.addItems(Source.from(List.of(line("gw-dave", "apple", 1), line("gw-dave", "banana", 2)))));
    assertEquals(List.of(item("apple", 1), item("banana", 2)), cart("gw-dave"));
  }

  @Test
  void aStreamWithOneBadLineAddsNothing() {
    StatusRuntimeException refused = assertThrows(StatusRuntimeException.class,
        () -> await(gateway.addItems(Source.from(List.of(line("gw-erin", "apple", 1), line("gw-erin", "pear", 2))))));
    assertEquals("Nothing added: 'pear' is not on sale.", refused.getStatus().getDescription());
    assertEquals(List.of(), cart("gw-erin"));
  }
}
