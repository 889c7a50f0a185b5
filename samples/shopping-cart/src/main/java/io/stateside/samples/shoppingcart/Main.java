package io.stateside.samples.shoppingcart;

import io.stateside.javasupport.UserFunction;
import java.util.Optional;

/** Serves the shopping cart and its gateway action to a Stateside proxy on {@code PORT} (default 8080). */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    UserFunction.builder()
        .serviceName("shopping-cart")
        .serviceVersion(Optional.ofNullable(Main.class.getPackage().getImplementationVersion()).orElse("dev"))
        .register(ShoppingCartEntity.definition())
        .register(CartGateway.definition())
        .build()
        .run();
  }
}
