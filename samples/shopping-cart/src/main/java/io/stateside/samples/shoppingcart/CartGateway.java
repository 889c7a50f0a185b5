package io.stateside.samples.shoppingcart;

import akka.stream.javadsl.Sink;
import com.google.protobuf.Empty;
import io.stateside.javasupport.Action;
import io.stateside.javasupport.ActionContext;
import io.stateside.javasupport.ActionEffect;
import io.stateside.javasupport.ServiceCall;
import io.stateside.javasupport.SideEffect;
import io.stateside.samples.shoppingcart.api.AddLineItem;
import io.stateside.samples.shoppingcart.api.CartGatewayApi;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * The cart's public entrance, an action: stateless, it checks each request against the
 * catalogue and a per-line limit, and only passes on what the cart should see.
 */
public final class CartGateway {

  /** The products on sale. */
  static final Set<String> CATALOGUE = Set.of("apple", "banana", "cherry", "date");
  static final int MAX_PER_LINE = 10;

  private CartGateway() {}

  public static Action definition() {
    return Action.builder(CartGatewayApi.getDescriptor().findServiceByName("CartGateway"))
        .onUnary("AddItem", AddLineItem.class, Empty.class, CartGateway::addItem)
        .onStreamedIn("AddItems", AddLineItem.class, Empty.class, context -> addItems())
        .build();
  }

  static ActionEffect<Empty> addItem(AddLineItem add, ActionContext context) {
    return problem(add)
        .<ActionEffect<Empty>>map(ActionEffect::fail)
        .orElseGet(() -> ActionEffect.forward(toCart(add)));
  }

  /** Collects the lines, then adds them all (synchronously, so the reply means they are in) or none. */
  static Sink<AddLineItem, CompletionStage<ActionEffect<Empty>>> addItems() {
    return Sink.<List<AddLineItem>, AddLineItem>fold(List.of(), (lines, line) -> {
      List<AddLineItem> all = new ArrayList<>(lines);
      all.add(line);
      return all;
    }).mapMaterializedValue(collected -> collected.thenApply(CartGateway::addAll));
  }

  static ActionEffect<Empty> addAll(List<AddLineItem> lines) {
    for (AddLineItem line : lines) {
      Optional<String> problem = problem(line);
      if (problem.isPresent()) {
        return ActionEffect.fail("Nothing added: " + problem.get());
      }
    }
    return ActionEffect.reply(Empty.getDefaultInstance())
        .withSideEffects(lines.stream().map(line -> SideEffect.synchronous(toCart(line))).toArray(SideEffect[]::new));
  }

  private static Optional<String> problem(AddLineItem add) {
    if (!CATALOGUE.contains(add.getProductId())) {
      return Optional.of("'" + add.getProductId() + "' is not on sale.");
    }
    if (add.getQuantity() > MAX_PER_LINE) {
      return Optional.of("At most " + MAX_PER_LINE + " " + add.getProductId() + " at a time.");
    }
    return Optional.empty();
  }

  private static ServiceCall toCart(AddLineItem add) {
    return ServiceCall.of(ShoppingCartEntity.SERVICE, "AddItem", add);
  }
}
