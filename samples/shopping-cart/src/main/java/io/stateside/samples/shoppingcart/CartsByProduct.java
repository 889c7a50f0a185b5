package io.stateside.samples.shoppingcart;

import com.google.protobuf.Empty;
import io.stateside.javasupport.Action;
import io.stateside.javasupport.ActionContext;
import io.stateside.javasupport.ActionEffect;
import io.stateside.javasupport.CloudEvent;
import io.stateside.javasupport.ServiceCall;
import io.stateside.samples.shoppingcart.api.CartChange;
import io.stateside.samples.shoppingcart.api.CartsByProductApi;
import io.stateside.samples.shoppingcart.domain.ItemAdded;
import io.stateside.samples.shoppingcart.domain.ItemRemoved;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Keeps the "carts by product" read model ({@link ProductCartsEntity}) up to date: an action
 * subscribed to the carts' event log ({@code (cloudstate.eventing).in.event_log =
 * "shopping-cart"}), which forwards each event to the entity of its product. The cart it comes
 * from is the event's subject, its number within the cart the {@code sequence} extension.
 *
 * <p>Forwarding, rather than a side effect, makes the event count as handled only once the read
 * model has applied it: if that fails, the proxy delivers the event again.
 */
public final class CartsByProduct {

  private CartsByProduct() {}

  public static Action definition() {
    return Action.builder(CartsByProductApi.getDescriptor().findServiceByName("CartsByProduct"))
        .onUnary("OnItemAdded", ItemAdded.class, Empty.class, CartsByProduct::onItemAdded)
        .onUnary("OnItemRemoved", ItemRemoved.class, Empty.class, CartsByProduct::onItemRemoved)
        .build();
  }

  static ActionEffect<Empty> onItemAdded(ItemAdded added, ActionContext context) {
    return change(added.getItem().getProductId(), context, change -> change.setAdded(added.getItem().getQuantity()));
  }

  static ActionEffect<Empty> onItemRemoved(ItemRemoved removed, ActionContext context) {
    return change(removed.getProductId(), context, change -> change.setRemoved(true));
  }

  private static ActionEffect<Empty> change(
      String productId, ActionContext context, UnaryOperator<CartChange.Builder> what) {
    Optional<CloudEvent> event = context.cloudEvent();
    Optional<String> cart = event.flatMap(CloudEvent::subject);
    Optional<Long> sequence = event.flatMap(CloudEvent::sequence);
    if (cart.isEmpty() || sequence.isEmpty()) {
      return ActionEffect.fail("Takes the events of the carts' event log, which name their cart (ce-subject) "
          + "and number (ce-sequence); this call has " + event.map(CloudEvent::toString).orElse("no event"));
    }
    CartChange change = what.apply(CartChange.newBuilder()
        .setProductId(productId)
        .setCartId(cart.get())
        .setSequence(sequence.get())).build();
    return ActionEffect.forward(ServiceCall.of(ProductCartsEntity.SERVICE, "ApplyCartChange", change));
  }
}
