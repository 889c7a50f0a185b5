package io.stateside.samples.shoppingcart;

import io.stateside.javasupport.EntityDefinition;
import io.stateside.javasupport.UserFunction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Serves the shopping cart, its gateway action and the "carts by product" read model to a
 * Stateside proxy on {@code PORT} (default 8080); with {@code PUBLISH_CART_CHANGES=true}, also the
 * publisher of the carts' changes to the Kafka topic {@code out}, which needs a proxy with a
 * Kafka broker ({@code KAFKA_BOOTSTRAP_SERVERS}).
 */
public final class Main {

  /** The environment variable that turns on publishing to Kafka. */
  static final String PUBLISH_CART_CHANGES = "PUBLISH_CART_CHANGES";

  private Main() {}

  public static void main(String[] args) {
    UserFunction.Builder userFunction = UserFunction.builder()
        .serviceName("shopping-cart")
        .serviceVersion(Optional.ofNullable(Main.class.getPackage().getImplementationVersion()).orElse("dev"));
    definitions(System.getenv()).forEach(userFunction::register);
    userFunction.build().run();
  }

  /** What the sample serves, given its environment. */
  static List<EntityDefinition> definitions(Map<String, String> environment) {
    List<EntityDefinition> definitions = new ArrayList<>(List.of(
        ShoppingCartEntity.definition(),
        CartGateway.definition(),
        ProductCartsEntity.definition(),
        CartsByProduct.definition()));
    if (Boolean.parseBoolean(environment.getOrDefault(PUBLISH_CART_CHANGES, "false").trim())) {
      definitions.add(CartChangesPublisher.definition());
    }
    return definitions;
  }
}
