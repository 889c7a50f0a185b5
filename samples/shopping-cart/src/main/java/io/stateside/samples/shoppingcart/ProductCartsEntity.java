package io.stateside.samples.shoppingcart;

import com.google.protobuf.Descriptors.ServiceDescriptor;
import com.google.protobuf.Empty;
import io.stateside.javasupport.CommandContext;
import io.stateside.javasupport.ValueEffect;
import io.stateside.javasupport.ValueEntity;
import io.stateside.samples.shoppingcart.api.CartChange;
import io.stateside.samples.shoppingcart.api.CartQuantity;
import io.stateside.samples.shoppingcart.api.GetProductCartsRequest;
import io.stateside.samples.shoppingcart.api.ProductCarts;
import io.stateside.samples.shoppingcart.api.ProductCartsApi;
import io.stateside.samples.shoppingcart.domain.CartLine;
import io.stateside.samples.shoppingcart.domain.ProductCartsState;
import java.time.Duration;
import java.util.Map;

/**
 * The "carts by product" read model: one value entity per product, listing the carts that hold
 * it. It changes only through {@link CartsByProduct}, which passes on every event of every cart.
 *
 * <p>Events come at least once, each cart's in order: after a proxy restart or a failed call, a
 * cart's events may come again. Each line remembers the sequence number of the last event of its
 * cart applied here, so an event delivered again changes nothing.
 */
public final class ProductCartsEntity {

  public static final ServiceDescriptor SERVICE = ProductCartsApi.getDescriptor().findServiceByName("ProductCartsService");

  private ProductCartsEntity() {}

  public static ValueEntity<ProductCartsState> definition() {
    return ValueEntity.builder(SERVICE, "product-carts", ProductCartsState.getDefaultInstance())
        .onCommand("GetProductCarts", GetProductCartsRequest.class, ProductCarts.class,
            (state, get, context) -> ValueEffect.reply(toApi(context.entityId(), state)))
        .onCommand("ApplyCartChange", CartChange.class, Empty.class, ProductCartsEntity::apply)
        .passivationTimeout(Duration.ofMinutes(2))
        .build();
  }

  static ValueEffect<Empty> apply(ProductCartsState state, CartChange change, CommandContext context) {
    if (change.getCartId().isEmpty() || change.getSequence() <= 0) {
      return ValueEffect.fail("A cart change needs its cart id and sequence number.");
    }
    CartLine line = state.getCartsOrDefault(change.getCartId(), CartLine.getDefaultInstance());
    if (change.getSequence() <= line.getLastSequence()) {
      return ValueEffect.reply(Empty.getDefaultInstance()); // applied before: delivered again
    }
    int quantity = switch (change.getChangeCase()) {
      case ADDED -> line.getQuantity() + change.getAdded();
      case REMOVED -> 0;
      case CHANGE_NOT_SET -> line.getQuantity();
    };
    ProductCartsState next = state.toBuilder()
        .putCarts(change.getCartId(), CartLine.newBuilder().setQuantity(quantity).setLastSequence(change.getSequence()).build())
        .build();
    return ValueEffect.update(next).thenReply(Empty.getDefaultInstance());
  }

  /** The carts holding the product, by cart id; carts that removed it are left out. */
  static ProductCarts toApi(String productId, ProductCartsState state) {
    ProductCarts.Builder carts = ProductCarts.newBuilder().setProductId(productId);
    state.getCartsMap().entrySet().stream()
        .filter(cart -> cart.getValue().getQuantity() > 0)
        .sorted(Map.Entry.comparingByKey())
        .forEach(cart -> carts.addCarts(
            CartQuantity.newBuilder().setCartId(cart.getKey()).setQuantity(cart.getValue().getQuantity())));
    return carts.build();
  }
}
