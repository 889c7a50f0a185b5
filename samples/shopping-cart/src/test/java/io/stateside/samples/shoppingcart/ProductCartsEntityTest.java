package io.stateside.samples.shoppingcart;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.stateside.javasupport.ValueEffect;
import io.stateside.javasupport.ValueEntityTestKit;
import io.stateside.samples.shoppingcart.api.CartChange;
import io.stateside.samples.shoppingcart.api.CartQuantity;
import io.stateside.samples.shoppingcart.api.GetProductCartsRequest;
import io.stateside.samples.shoppingcart.api.ProductCarts;
import io.stateside.samples.shoppingcart.domain.ProductCartsState;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The read model of one product: carts added and removed, and events delivered again ignored. */
class ProductCartsEntityTest {

  private static CartChange added(String cart, long sequence, int quantity) {
    return CartChange.newBuilder().setProductId("apple").setCartId(cart).setSequence(sequence).setAdded(quantity).build();
  }

  private static CartChange removed(String cart, long sequence) {
    return CartChange.newBuilder().setProductId("apple").setCartId(cart).setSequence(sequence).setRemoved(true).build();
  }

  private static CartQuantity cart(String id, int quantity) {
    return CartQuantity.newBuilder().setCartId(id).setQuantity(quantity).build();
  }

  private static ProductCarts carts(ValueEntityTestKit<ProductCartsState> apple) {
    return (ProductCarts) apple.handle("GetProductCarts", GetProductCartsRequest.newBuilder().setProductId("apple").build())
        .reply().orElseThrow();
  }

  @Test
  void listsTheCartsHoldingTheProductByCartIdWithTheirQuantities() {
    ValueEntityTestKit<ProductCartsState> apple = ValueEntityTestKit.of(ProductCartsEntity.definition(), "apple");
    apple.handle("ApplyCartChange", added("zoe", 1, 2));
    apple.handle("ApplyCartChange", added("ann", 4, 1));
    apple.handle("ApplyCartChange", added("zoe", 3, 5));

    assertEquals(ProductCarts.newBuilder().setProductId("apple").addCarts(cart("ann", 1)).addCarts(cart("zoe", 7)).build(),
        carts(apple));
  }

  @Test
  void aCartThatRemovedTheProductIsNoLongerListed() {
    ValueEntityTestKit<ProductCartsState> apple = ValueEntityTestKit.of(ProductCartsEntity.definition(), "apple");
    apple.handle("ApplyCartChange", added("ann", 1, 3));
    apple.handle("ApplyCartChange", removed("ann", 2));
    assertEquals(0, carts(apple).getCartsCount());

    apple.handle("ApplyCartChange", added("ann", 3, 1));
    assertEquals(ProductCarts.newBuilder().setProductId("apple").addCarts(cart("ann", 1)).build(), carts(apple));
  }

  @Test
  void anEventDeliveredAgainChangesNothing() {
    ValueEntityTestKit<ProductCartsState> apple = ValueEntityTestKit.of(ProductCartsEntity.definition(), "apple");
    apple.handle("ApplyCartChange", added("ann", 1, 3));
    apple.handle("ApplyCartChange", removed("ann", 2));

    // After a restart the subscription may start again before these events.
    assertEquals(ValueEffect.StateChange.UNCHANGED, apple.handle("ApplyCartChange", added("ann", 1, 3)).stateChange());
    assertEquals(ValueEffect.StateChange.UNCHANGED, apple.handle("ApplyCartChange", removed("ann", 2)).stateChange());
    assertEquals(0, carts(apple).getCartsCount());
  }

  @Test
  void aChangeWithoutItsCartOrSequenceIsRefused() {
    ValueEntityTestKit<ProductCartsState> apple = ValueEntityTestKit.of(ProductCartsEntity.definition(), "apple");
    assertEquals(Optional.of("A cart change needs its cart id and sequence number."),
        apple.handle("ApplyCartChange", added("", 1, 3)).failure());
    assertEquals(Optional.of("A cart change needs its cart id and sequence number."),
        apple.handle("ApplyCartChange", added("ann", 0, 3)).failure());
  }
}
