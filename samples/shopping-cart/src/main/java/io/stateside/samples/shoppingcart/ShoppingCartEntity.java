package io.stateside.samples.shoppingcart;

import com.google.protobuf.Descriptors.ServiceDescriptor;
import com.google.protobuf.Empty;
import io.stateside.javasupport.CommandContext;
import io.stateside.javasupport.Effect;
import io.stateside.javasupport.EventSourcedEntity;
import io.stateside.samples.shoppingcart.api.AddLineItem;
import io.stateside.samples.shoppingcart.api.Cart;
import io.stateside.samples.shoppingcart.api.GetShoppingCart;
import io.stateside.samples.shoppingcart.api.RemoveLineItem;
import io.stateside.samples.shoppingcart.api.ShoppingCartApi;
import io.stateside.samples.shoppingcart.domain.CartSnapshot;
import io.stateside.samples.shoppingcart.domain.ItemAdded;
import io.stateside.samples.shoppingcart.domain.ItemRemoved;
import io.stateside.samples.shoppingcart.domain.LineItem;
import java.time.Duration;

/**
 * The shopping cart: one event-sourced entity per user.
 *
 * <p>Command handlers validate a request against the current cart and either refuse it or emit
 * an event; event handlers apply events to the {@link CartState}. The proxy stores the events, so
 * a cart survives restarts and passivation.
 */
public final class ShoppingCartEntity {

  public static final ServiceDescriptor SERVICE =
      ShoppingCartApi.getDescriptor().findServiceByName("ShoppingCartService");

  /** Names the carts' events in the journal; never change it once carts exist. */
  public static final String PERSISTENCE_ID = "shopping-cart";

  private ShoppingCartEntity() {}

  /** The cart with its production settings. */
  public static EventSourcedEntity<CartState> definition() {
    return definition(Duration.ofMinutes(2), 20);
  }

  /**
   * The cart, passivated after {@code passivationTimeout} idle and snapshotted every
   * {@code snapshotEvery} events.
   */
  public static EventSourcedEntity<CartState> definition(Duration passivationTimeout, int snapshotEvery) {
    return EventSourcedEntity.builder(SERVICE, PERSISTENCE_ID, CartState.EMPTY)
        .onCommand("AddItem", AddLineItem.class, Empty.class, ShoppingCartEntity::addItem)
        .onCommand("RemoveItem", RemoveLineItem.class, Empty.class, ShoppingCartEntity::removeItem)
        .onCommand("GetCart", GetShoppingCart.class, Cart.class, ShoppingCartEntity::getCart)
        .onEvent(ItemAdded.class, (cart, added) -> cart.withAdded(added.getItem().getProductId(), added.getItem().getQuantity()))
        .onEvent(ItemRemoved.class, (cart, removed) -> cart.withRemoved(removed.getProductId()))
        .snapshot(CartSnapshot.class, CartState::toSnapshot, CartState::fromSnapshot)
        .snapshotEvery(snapshotEvery)
        .passivationTimeout(passivationTimeout)
        .build();
  }

  static Effect<Empty> addItem(CartState cart, AddLineItem add, CommandContext context) {
    if (add.getProductId().isBlank()) {
      return Effect.fail("A product id is required.");
    }
    if (add.getQuantity() <= 0) {
      return Effect.fail("Quantity for item " + add.getProductId() + " must be greater than zero.");
    }
    ItemAdded added = ItemAdded.newBuilder()
        .setItem(LineItem.newBuilder().setProductId(add.getProductId()).setQuantity(add.getQuantity()))
        .build();
    return Effect.emit(added).thenReply(Empty.getDefaultInstance());
  }

  static Effect<Empty> removeItem(CartState cart, RemoveLineItem remove, CommandContext context) {
    if (!cart.contains(remove.getProductId())) {
      return Effect.fail("Cannot remove item " + remove.getProductId() + " because it is not in the cart.");
    }
    return Effect.emit(ItemRemoved.newBuilder().setProductId(remove.getProductId()).build())
        .thenReply(Empty.getDefaultInstance());
  }

  static Effect<Cart> getCart(CartState cart, GetShoppingCart get, CommandContext context) {
    return Effect.reply(cart.toApi());
  }
}
