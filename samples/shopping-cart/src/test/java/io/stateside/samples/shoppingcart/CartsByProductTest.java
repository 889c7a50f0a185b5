package io.stateside.samples.shoppingcart;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.stateside.javasupport.ActionContext;
import io.stateside.javasupport.ActionEffect;
import io.stateside.javasupport.CloudEvent;
import io.stateside.javasupport.Metadata;
import io.stateside.javasupport.ServiceCall;
import io.stateside.samples.shoppingcart.api.CartChange;
import io.stateside.samples.shoppingcart.api.ProductCartChange;
import io.stateside.samples.shoppingcart.domain.ItemAdded;
import io.stateside.samples.shoppingcart.domain.ItemRemoved;
import io.stateside.samples.shoppingcart.domain.LineItem;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The read model's feeder and the publisher of changes as plain functions, given the CloudEvent
 * the proxy sends with each event of the carts' event log.
 */
class CartsByProductTest {

  /** Alice's cart's 7th event, as the proxy delivers it. */
  private static ActionContext event(String method, String type) {
    return new ActionContext("stateside.samples.shoppingcart.CartsByProduct", method,
        CloudEvent.of("alice/7", "shopping-cart", "type.googleapis.com/stateside.samples.shoppingcart.domain." + type)
            .withSubject("alice")
            .withSequence(7)
            .toMetadata());
  }

  private static ItemAdded apples(int quantity) {
    return ItemAdded.newBuilder().setItem(LineItem.newBuilder().setProductId("apple").setQuantity(quantity)).build();
  }

  @Test
  void anAddedItemGoesToItsProductsReadModelWithItsCartAndSequence() {
    ActionEffect<?> effect = CartsByProduct.onItemAdded(apples(3), event("OnItemAdded", "ItemAdded"));

    assertEquals(Optional.of(ServiceCall.of(ProductCartsEntity.SERVICE, "ApplyCartChange",
            CartChange.newBuilder().setProductId("apple").setCartId("alice").setSequence(7).setAdded(3).build())),
        effect.forwardCall());
  }

  @Test
  void aRemovedItemToo() {
    ActionEffect<?> effect = CartsByProduct.onItemRemoved(ItemRemoved.newBuilder().setProductId("apple").build(),
        event("OnItemRemoved", "ItemRemoved"));

    assertEquals(Optional.of(ServiceCall.of(ProductCartsEntity.SERVICE, "ApplyCartChange",
            CartChange.newBuilder().setProductId("apple").setCartId("alice").setSequence(7).setRemoved(true).build())),
        effect.forwardCall());
  }

  @Test
  void aCallThatIsNoEventOfTheCartsIsRefused() {
    ActionEffect<?> fromAClient = CartsByProduct.onItemAdded(apples(1),
        new ActionContext("stateside.samples.shoppingcart.CartsByProduct", "OnItemAdded", Metadata.of(Map.of("x-user", "eve"))));

    assertEquals(Optional.of("Takes the events of the carts' event log, which name their cart (ce-subject) and number "
        + "(ce-sequence); this call has no event"), fromAClient.failure());
  }

  @Test
  void aChangeIsPublishedUnderItsProductWithTheCartEventsId() {
    ActionEffect<ProductCartChange> effect = CartChangesPublisher.itemAdded(apples(2), event("PublishItemAdded", "ItemAdded"));

    assertEquals(Optional.of(ProductCartChange.newBuilder().setProductId("apple").setCartId("alice").setCartSequence(7)
        .setAdded(2).build()), effect.replyMessage());
    assertEquals(Optional.of("apple"), effect.replyMetadata().get("ce-subject"));
    assertEquals(Optional.of("alice/7"), effect.replyMetadata().get("ce-id"));
    assertEquals(List.of("ce-subject", "ce-id"), List.copyOf(effect.replyMetadata().keys()));
  }

  @Test
  void theChangesArePublishedOnlyWhenTheUserFunctionIsToldTheProxyHasKafka() {
    assertEquals(List.of("ShoppingCartService", "CartGateway", "ProductCartsService", "CartsByProduct"),
        services(Map.of()));
    assertEquals(List.of("ShoppingCartService", "CartGateway", "ProductCartsService", "CartsByProduct", "CartChanges"),
        services(Map.of("PUBLISH_CART_CHANGES", "true")));
    assertEquals(services(Map.of()), services(Map.of("PUBLISH_CART_CHANGES", "no")));
  }

  private static List<String> services(Map<String, String> environment) {
    return Main.definitions(environment).stream().map(definition -> definition.service().getName()).toList();
  }
}
