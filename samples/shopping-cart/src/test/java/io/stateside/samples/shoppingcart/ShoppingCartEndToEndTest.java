package io.stateside.samples.shoppingcart;

import static io.stateside.samples.shoppingcart.CartStack.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.stateside.protocol.eventsourced.EventSourcedInit;
import io.stateside.samples.shoppingcart.ProtocolRecorder.RecordedStream;
import io.stateside.samples.shoppingcart.api.AddLineItem;
import io.stateside.samples.shoppingcart.api.Cart;
import io.stateside.samples.shoppingcart.api.GetShoppingCart;
import io.stateside.samples.shoppingcart.api.LineItem;
import io.stateside.samples.shoppingcart.api.RemoveLineItem;
import io.stateside.samples.shoppingcart.api.ShoppingCartServiceClient;
import io.stateside.samples.shoppingcart.domain.CartSnapshot;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The sample behind the real proxy, called by a gRPC client as any application would. */
class ShoppingCartEndToEndTest {

  /** Short, so that the recovery tests see carts passivated; the other tests do not mind. */
  private static final Duration PASSIVATION = Duration.ofSeconds(2);
  private static final int SNAPSHOT_EVERY = 3;

  private static CartStack stack;
  private static ShoppingCartServiceClient carts;

  @BeforeAll
  static void start() {
    stack = CartStack.start(PASSIVATION, SNAPSHOT_EVERY);
    carts = stack.client();
  }

  @AfterAll
  static void stop() {
    stack.close();
  }

  private static void add(String user, String product, int quantity) {
    await(carts.addItem(AddLineItem.newBuilder().setUserId(user).setProductId(product).setQuantity(quantity).build()));
  }

  private static void remove(String user, String product) {
    await(carts.removeItem(RemoveLineItem.newBuilder().setUserId(user).setProductId(product).build()));
  }

  private static Cart cartOf(String user) {
    return await(carts.getCart(GetShoppingCart.newBuilder().setUserId(user).build()));
  }

  @SafeVarargs
  private static Cart cart(Map.Entry<String, Integer>... lines) {
    Cart.Builder cart = Cart.newBuilder();
    for (Map.Entry<String, Integer> line : lines) {
      cart.addItems(LineItem.newBuilder().setProductId(line.getKey()).setQuantity(line.getValue()));
    }
    return cart.build();
  }

  private static Status statusOf(Runnable call) {
    return assertThrows(StatusRuntimeException.class, call::run).getStatus();
  }

  @Test
  void aCartCollectsAddedItemsAndDropsRemovedOnes() {
    add("ann", "apple", 3);
    add("ann", "banana", 2);
    add("ann", "apple", 1);
    assertEquals(cart(Map.entry("apple", 4), Map.entry("banana", 2)), cartOf("ann"));

    remove("ann", "apple");
    assertEquals(cart(Map.entry("banana", 2)), cartOf("ann"));
  }

  @Test
  void eachUserHasTheirOwnCart() {
    add("bea", "pear", 1);
    add("ben", "plum", 5);

    assertEquals(cart(Map.entry("pear", 1)), cartOf("bea"));
    assertEquals(cart(Map.entry("plum", 5)), cartOf("ben"));
    assertEquals(Cart.getDefaultInstance(), cartOf("nobody-yet"));
  }

  @Test
  void aQuantityThatIsNotPositiveIsRefused() {
    add("cid", "apple", 1);

    Status zero = statusOf(() -> add("cid", "cherry", 0));
    Status negative = statusOf(() -> add("cid", "apple", -2));

    assertEquals(Status.Code.UNKNOWN, zero.getCode());
    assertEquals("Quantity for item cherry must be greater than zero.", zero.getDescription());
    assertEquals("Quantity for item apple must be greater than zero.", negative.getDescription());
    assertEquals(cart(Map.entry("apple", 1)), cartOf("cid"));
  }

  @Test
  void removingAnItemThatIsNotInTheCartIsRefused() {
    add("dee", "apple", 1);

    Status status = statusOf(() -> remove("dee", "kiwi"));

    assertEquals(Status.Code.UNKNOWN, status.getCode());
    assertEquals("Cannot remove item kiwi because it is not in the cart.", status.getDescription());
    assertEquals(cart(Map.entry("apple", 1)), cartOf("dee"));
  }

  @Test
  void aRequestWithoutUserIdIsAnInvalidArgument() {
    assertEquals(Status.Code.INVALID_ARGUMENT, statusOf(() -> cartOf("")).getCode());
  }

  @Test
  void aPassivatedCartIsRebuiltFromItsEvents() throws Exception {
    add("eve", "apple", 2);
    add("eve", "pear", 1);
    List<RecordedStream> before = stack.recorder().streamsOf("eve");
    before.get(before.size() - 1).ended().get(CartStack.TIMEOUT.toSeconds(), TimeUnit.SECONDS);

    assertEquals(cart(Map.entry("apple", 2), Map.entry("pear", 1)), cartOf("eve"));

    List<RecordedStream> after = stack.recorder().streamsOf("eve");
    assertTrue(after.size() > before.size(), "the cart was started again");
    RecordedStream recovered = after.get(after.size() - 1);
    assertFalse(recovered.init().hasSnapshot());
    assertEquals(List.of(1L, 2L), recovered.replayedSequences());
  }

  @Test
  void aCartIsRebuiltFromItsSnapshotAndTheEventsAfterIt() throws Exception {
    add("fay", "apple", 1);
    add("fay", "banana", 1);
    add("fay", "cherry", 1);
    remove("fay", "banana");
    List<RecordedStream> before = stack.recorder().streamsOf("fay");
    before.get(before.size() - 1).ended().get(CartStack.TIMEOUT.toSeconds(), TimeUnit.SECONDS);

    assertEquals(cart(Map.entry("apple", 1), Map.entry("cherry", 1)), cartOf("fay"));

    List<RecordedStream> after = stack.recorder().streamsOf("fay");
    EventSourcedInit init = after.get(after.size() - 1).init();
    assertEquals(SNAPSHOT_EVERY, init.getSnapshot().getSnapshotSequence());
    assertEquals(CartState.EMPTY.withAdded("apple", 1).withAdded("banana", 1).withAdded("cherry", 1).toSnapshot(),
        init.getSnapshot().getSnapshot().unpack(CartSnapshot.class));
    assertEquals(List.of(4L), after.get(after.size() - 1).replayedSequences());
  }
}
