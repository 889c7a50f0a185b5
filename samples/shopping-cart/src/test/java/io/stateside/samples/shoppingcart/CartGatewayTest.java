package io.stateside.samples.shoppingcart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stateside.javasupport.ActionContext;
import io.stateside.javasupport.ActionEffect;
import io.stateside.javasupport.Metadata;
import io.stateside.javasupport.ServiceCall;
import io.stateside.javasupport.SideEffect;
import io.stateside.samples.shoppingcart.api.AddLineItem;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The gateway's decisions, tested as plain functions: no server, no proxy. */
class CartGatewayTest {

  private static final ActionContext CONTEXT =
      new ActionContext("stateside.samples.shoppingcart.CartGateway", "AddItem", Metadata.empty());

  private static AddLineItem line(String product, int quantity) {
    return AddLineItem.newBuilder().setUserId("alice").setProductId(product).setQuantity(quantity).build();
  }

  @Test
  void aGoodLineIsForwardedToTheCart() {
    ActionEffect<?> effect = CartGateway.addItem(line("apple", 3), CONTEXT);
    assertEquals(ServiceCall.of(ShoppingCartEntity.SERVICE, "AddItem", line("apple", 3)), effect.forwardCall().orElseThrow());
  }

  @Test
  void aProductNotOnSaleOrTooManyIsRefused() {
    assertEquals("'pear' is not on sale.", CartGateway.addItem(line("pear", 1), CONTEXT).failure().orElseThrow());
    assertEquals("At most 10 apple at a time.", CartGateway.addItem(line("apple", 11), CONTEXT).failure().orElseThrow());
  }

  @Test
  void manyGoodLinesAreAllAddedBeforeTheReply() {
    ActionEffect<?> effect = CartGateway.addAll(List.of(line("apple", 1), line("date", 2)));
    assertTrue(effect.replyMessage().isPresent());
    assertEquals(List.of(
            SideEffect.synchronous(ServiceCall.of(ShoppingCartEntity.SERVICE, "AddItem", line("apple", 1))),
            SideEffect.synchronous(ServiceCall.of(ShoppingCartEntity.SERVICE, "AddItem", line("date", 2)))),
        effect.sideEffects());
  }

  @Test
  void oneBadLineAddsNone() {
    ActionEffect<?> effect = CartGateway.addAll(List.of(line("apple", 1), line("pear", 2)));
    assertEquals("Nothing added: 'pear' is not on sale.", effect.failure().orElseThrow());
    assertEquals(List.of(), effect.sideEffects());
  }
}
