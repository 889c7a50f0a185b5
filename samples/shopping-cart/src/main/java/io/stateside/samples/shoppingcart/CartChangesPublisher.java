package io.stateside.samples.shoppingcart;

import io.stateside.javasupport.Action;
import io.stateside.javasupport.ActionContext;
import io.stateside.javasupport.ActionEffect;
import io.stateside.javasupport.CloudEvent;
import io.stateside.javasupport.Metadata;
import io.stateside.samples.shoppingcart.api.CartChangesApi;
import io.stateside.samples.shoppingcart.api.ProductCartChange;
import io.stateside.samples.shoppingcart.domain.ItemAdded;
import io.stateside.samples.shoppingcart.domain.ItemRemoved;

/**
 * Publishes what each cart event changes for its product to the Kafka topic {@code out}
 * ({@code cart_changes.proto}): an action subscribed to the carts' event log whose replies the
 * proxy publishes. Main registers it only when {@code PUBLISH_CART_CHANGES=true}, as a proxy
 * without a Kafka broker refuses a method that names a topic.
 *
 * <p>The reply's metadata sets attributes of the published CloudEvent: the product as its
 * subject (the topic's message key, so a product's changes stay in order) and the cart event's
 * id as its id, so that a consumer recognises a change published again after a redelivery.
 */
public final class CartChangesPublisher {

  private CartChangesPublisher() {}

  public static Action definition() {
    return Action.builder(CartChangesApi.getDescriptor().findServiceByName("CartChanges"))
        .onUnary("PublishItemAdded", ItemAdded.class, ProductCartChange.class, CartChangesPublisher::itemAdded)
        .onUnary("PublishItemRemoved", ItemRemoved.class, ProductCartChange.class, CartChangesPublisher::itemRemoved)
        .build();
  }

  static ActionEffect<ProductCartChange> itemAdded(ItemAdded added, ActionContext context) {
    return publish(change(added.getItem().getProductId(), context).setAdded(added.getItem().getQuantity()).build(), context);
  }

  static ActionEffect<ProductCartChange> itemRemoved(ItemRemoved removed, ActionContext context) {
    return publish(change(removed.getProductId(), context).setRemoved(true).build(), context);
  }

  private static ProductCartChange.Builder change(String productId, ActionContext context) {
    return ProductCartChange.newBuilder()
        .setProductId(productId)
        .setCartId(context.cloudEvent().flatMap(CloudEvent::subject).orElse(""))
        .setCartSequence(context.cloudEvent().flatMap(CloudEvent::sequence).orElse(0L));
  }

  private static ActionEffect<ProductCartChange> publish(ProductCartChange change, ActionContext context) {
    Metadata attributes = Metadata.empty().withCloudEvent(CloudEvent.SUBJECT, change.getProductId());
    Metadata published = context.cloudEvent()
        .map(event -> attributes.withCloudEvent(CloudEvent.ID, event.id()))
        .orElse(attributes);
    return ActionEffect.reply(change, published);
  }
}
