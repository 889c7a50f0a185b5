package io.stateside.samples.shoppingcart;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.stateside.javasupport.CommandContext;
import io.stateside.javasupport.Effect;
import io.stateside.samples.shoppingcart.api.AddLineItem;
import io.stateside.samples.shoppingcart.api.RemoveLineItem;
import io.stateside.samples.shoppingcart.domain.ItemAdded;
import io.stateside.samples.shoppingcart.domain.ItemRemoved;
import io.stateside.samples.shoppingcart.domain.LineItem;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The cart's decisions, tested as plain functions: no server, no proxy. */
class ShoppingCartEntityTest {

  private static final CommandContext CONTEXT = new CommandContext("alice", "AddItem", 1);
  private static final CartState APPLES = CartState.EMPTY.withAdded("apple", 3);

  @Test
  void addingAnItemEmitsItemAdded() {
    Effect<?> effect = ShoppingCartEntity.addItem(CartState.EMPTY,
        AddLineItem.newBuilder().setUserId("alice").setProductId("apple").setQuantity(3).build(), CONTEXT);

    assertEquals(List.of(ItemAdded.newBuilder()
            .setItem(LineItem.newBuilder().setProductId("apple").setQuantity(3)).build()),
        ((Effect.Success<?>) effect).events());
  }

  @Test
  void addingNothingOrNoProductIsRefused() {
    Effect<?> zero = ShoppingCartEntity.addItem(CartState.EMPTY,
        AddLineItem.newBuilder().setProductId("apple").setQuantity(0).build(), CONTEXT);
    Effect<?> noProduct = ShoppingCartEntity.addItem(CartState.EMPTY,
        AddLineItem.newBuilder().setQuantity(1).build(), CONTEXT);

    assertEquals("Quantity for item apple must be greater than zero.", ((Effect.Failure<?>) zero).description());
    assertEquals("A product id is required.", ((Effect.Failure<?>) noProduct).description());
  }

  @Test
  void removingAnItemEmitsItemRemovedOnlyIfItIsInTheCart() {
    Effect<?> removed = ShoppingCartEntity.removeItem(APPLES,
        RemoveLineItem.newBuilder().setProductId("apple").build(), CONTEXT);
    Effect<?> missing = ShoppingCartEntity.removeItem(APPLES,
        RemoveLineItem.newBuilder().setProductId("kiwi").build(), CONTEXT);

    assertEquals(List.of(ItemRemoved.newBuilder().setProductId("apple").build()),
        ((Effect.Success<?>) removed).events());
    assertEquals("Cannot remove item kiwi because it is not in the cart.", ((Effect.Failure<?>) missing).description());
  }

  @Test
  void theStateAddsUpQuantitiesKeepsOrderAndSurvivesASnapshot() {
    CartState cart = CartState.EMPTY.withAdded("pear", 1).withAdded("apple", 2).withAdded("pear", 4);

    assertEquals(List.of(Map.entry("pear", 5), Map.entry("apple", 2)), List.copyOf(cart.quantities().entrySet()));
    assertEquals(cart, CartState.fromSnapshot(cart.toSnapshot()));
    assertEquals(Map.of("apple", 2), cart.withRemoved("pear").quantities());
  }
}
