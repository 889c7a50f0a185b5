package io.stateside.samples.shoppingcart;

import io.stateside.samples.shoppingcart.api.Cart;
import io.stateside.samples.shoppingcart.domain.CartSnapshot;
import io.stateside.samples.shoppingcart.domain.LineItem;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a shopping cart holds: a quantity per product, in the order products were first added.
 * Immutable, as entity state must be: every change returns a new cart.
 *
 * @param quantities product id to quantity; never holds a zero or negative quantity
 */
public record CartState(Map<String, Integer> quantities) {

  /** The cart of a user who has added nothing yet. */
  public static final CartState EMPTY = new CartState(Map.of());

  /** Copies the map so the state cannot change behind the entity's back. */
  public CartState {
    quantities = Collections.unmodifiableMap(new LinkedHashMap<>(quantities));
  }

  /** @return true if the product is in the cart */
  public boolean contains(String productId) {
    return quantities.containsKey(productId);
  }

  /** @return the cart with {@code quantity} more of the product */
  public CartState withAdded(String productId, int quantity) {
    Map<String, Integer> next = new LinkedHashMap<>(quantities);
    next.merge(productId, quantity, Integer::sum);
    return new CartState(next);
  }

  /** @return the cart without the product's line */
  public CartState withRemoved(String productId) {
    Map<String, Integer> next = new LinkedHashMap<>(quantities);
    next.remove(productId);
    return new CartState(next);
  }

  /** @return the cart as the API shows it */
  public Cart toApi() {
    Cart.Builder cart = Cart.newBuilder();
    quantities.forEach((product, quantity) -> cart.addItems(
        io.stateside.samples.shoppingcart.api.LineItem.newBuilder().setProductId(product).setQuantity(quantity)));
    return cart.build();
  }

  /** @return the cart as stored in a snapshot */
  public CartSnapshot toSnapshot() {
    CartSnapshot.Builder snapshot = CartSnapshot.newBuilder();
    quantities.forEach((product, quantity) ->
        snapshot.addItems(LineItem.newBuilder().setProductId(product).setQuantity(quantity)));
    return snapshot.build();
  }

  /** @return the cart a snapshot was taken of */
  public static CartState fromSnapshot(CartSnapshot snapshot) {
    Map<String, Integer> quantities = new LinkedHashMap<>();
    snapshot.getItemsList().forEach(item -> quantities.put(item.getProductId(), item.getQuantity()));
    return new CartState(quantities);
  }
}
