package io.stateside.samples.shoppingcart;

import akka.actor.ActorSystem;
import akka.grpc.GrpcClientSettings;
import com.typesafe.config.ConfigFactory;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.stateside.samples.shoppingcart.api.AddLineItem;
import io.stateside.samples.shoppingcart.api.Cart;
import io.stateside.samples.shoppingcart.api.GetProductCartsRequest;
import io.stateside.samples.shoppingcart.api.GetShoppingCart;
import io.stateside.samples.shoppingcart.api.ProductCarts;
import io.stateside.samples.shoppingcart.api.ProductCartsServiceClient;
import io.stateside.samples.shoppingcart.api.RemoveLineItem;
import io.stateside.samples.shoppingcart.api.ShoppingCartServiceClient;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A command-line client of the shopping cart, through the proxy (bin/cart runs it).
 *
 * <pre>
 * cart [--host HOST] [--port PORT] [--wait SECONDS] add USER PRODUCT QUANTITY
 * cart [options] remove USER PRODUCT
 * cart [options] get USER
 * cart [options] product PRODUCT
 * </pre>
 *
 * <p>The proxy is at 127.0.0.1 and {@code HTTP_PORT} (default 9000) unless the options say
 * otherwise. {@code --wait} retries while the proxy is unreachable. Exit status: 0 on success,
 * 1 when the call fails, 2 on a usage error.
 */
public final class CartCli {

  private static final String USAGE = """
      usage: cart [--host HOST] [--port PORT] [--wait SECONDS] <command>
        add USER PRODUCT QUANTITY   add QUANTITY of PRODUCT to USER's cart
        remove USER PRODUCT         remove PRODUCT's line from USER's cart
        get USER                    show USER's cart
        product PRODUCT             show the carts holding PRODUCT (the "carts by product"
                                    read model, which follows the carts within moments)
      The proxy is at HOST (127.0.0.1) and PORT ($HTTP_PORT, else 9000); --wait retries
      for up to SECONDS while it is unreachable.""";

  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);

  private CartCli() {}

  public static void main(String[] args) {
    System.exit(run(List.of(args), System.out, System.err));
  }

  /** Runs one command and returns the exit status. */
  static int run(List<String> args, PrintStream out, PrintStream err) {
    if (args.contains("--help") || args.contains("-h")) {
      out.println(USAGE);
      return 0;
    }
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage());
      err.println(USAGE);
      return 2;
    }
    ActorSystem system = ActorSystem.create("cart-cli", ConfigFactory
        .parseString("akka.loglevel = WARNING\nakka.stdout-loglevel = WARNING\nakka.actor.provider = local")
        .withFallback(ConfigFactory.load()));
    GrpcClientSettings settings = GrpcClientSettings.connectToServiceAt(options.host(), options.port(), system)
        .withTls(false)
        .withDeadline(CALL_TIMEOUT);
    Clients clients = new Clients(ShoppingCartServiceClient.create(settings, system),
        ProductCartsServiceClient.create(settings, system));
    try {
      out.println(callWithRetry(options, clients));
      return 0;
    } catch (StatusRuntimeException e) {
      Status status = e.getStatus();
      err.println("Error: " + status.getCode() + ": " + status.getDescription());
      return 1;
    } finally {
      clients.carts().close();
      clients.products().close();
      system.terminate();
    }
  }

  /** The services the commands call, through the proxy. */
  private record Clients(ShoppingCartServiceClient carts, ProductCartsServiceClient products) {}

  private static String callWithRetry(Options options, Clients clients) {
    long deadline = System.nanoTime() + options.retryFor().toNanos();
    while (true) {
      try {
        return options.command().apply(clients);
      } catch (StatusRuntimeException e) {
        if (e.getStatus().getCode() != Status.Code.UNAVAILABLE || System.nanoTime() > deadline) {
          throw e;
        }
        pause();
      }
    }
  }

  /** Waits between attempts to reach a proxy that is still starting. */
  private static void pause() {
    try {
      Thread.sleep(500);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StatusRuntimeException(Status.CANCELLED.withDescription("interrupted"));
    }
  }

  private static <T> T await(CompletionStage<T> call) {
    try {
      return call.toCompletableFuture().get(CALL_TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof StatusRuntimeException status) {
        throw status;
      }
      throw new StatusRuntimeException(Status.UNKNOWN.withDescription(String.valueOf(e.getCause())));
    } catch (Exception e) {
      throw new StatusRuntimeException(Status.DEADLINE_EXCEEDED.withDescription("no answer from the proxy"));
    }
  }

  static String describe(String user, Cart cart) {
    if (cart.getItemsCount() == 0) {
      return user + "'s cart is empty.";
    }
    StringBuilder text = new StringBuilder(user + "'s cart:");
    cart.getItemsList().forEach(item ->
        text.append(System.lineSeparator()).append("  ").append(item.getProductId()).append(" x ").append(item.getQuantity()));
    return text.toString();
  }

  static String describe(ProductCarts carts) {
    if (carts.getCartsCount() == 0) {
      return "No cart holds " + carts.getProductId() + ".";
    }
    StringBuilder text = new StringBuilder("Carts holding " + carts.getProductId() + ":");
    carts.getCartsList().forEach(cart ->
        text.append(System.lineSeparator()).append("  ").append(cart.getCartId()).append(" x ").append(cart.getQuantity()));
    return text.toString();
  }

  /** The parsed command line: where the proxy is and which call to make. */
  private record Options(String host, int port, Duration retryFor, Function<Clients, String> command) {

    static Options parse(List<String> args) {
      String host = "127.0.0.1";
      int port = number(System.getenv().getOrDefault("HTTP_PORT", "9000"), "HTTP_PORT");
      Duration retryFor = Duration.ZERO;
      List<String> rest = new ArrayList<>(args);
      while (!rest.isEmpty() && rest.get(0).startsWith("--")) {
        String option = rest.remove(0);
        if (rest.isEmpty()) {
          throw new IllegalArgumentException(option + " needs a value");
        }
        String value = rest.remove(0);
        switch (option) {
          case "--host" -> host = value;
          case "--port" -> port = number(value, "--port");
          case "--wait" -> retryFor = Duration.ofSeconds(number(value, "--wait"));
          default -> throw new IllegalArgumentException("Unknown option " + option);
        }
      }
      return new Options(host, port, retryFor, command(rest));
    }

    private static Function<Clients, String> command(List<String> words) {
      if (words.isEmpty()) {
        throw new IllegalArgumentException("Missing command");
      }
      String name = words.get(0);
      List<String> params = words.subList(1, words.size());
      switch (name) {
        case "add" -> {
          expect(params, 3, "add USER PRODUCT QUANTITY");
          String user = params.get(0);
          String product = params.get(1);
          int quantity = number(params.get(2), "QUANTITY");
          return clients -> {
            await(clients.carts().addItem(AddLineItem.newBuilder()
                .setUserId(user).setProductId(product).setQuantity(quantity).build()));
            return "Added " + quantity + " x " + product + " to " + user + "'s cart.";
          };
        }
        case "remove" -> {
          expect(params, 2, "remove USER PRODUCT");
          String user = params.get(0);
          String product = params.get(1);
          return clients -> {
            await(clients.carts().removeItem(RemoveLineItem.newBuilder().setUserId(user).setProductId(product).build()));
            return "Removed " + product + " from " + user + "'s cart.";
          };
        }
        case "get" -> {
          expect(params, 1, "get USER");
          String user = params.get(0);
          return clients -> describe(user, await(clients.carts().getCart(GetShoppingCart.newBuilder().setUserId(user).build())));
        }
        case "product" -> {
          expect(params, 1, "product PRODUCT");
          String product = params.get(0);
          return clients -> describe(await(clients.products().getProductCarts(
              GetProductCartsRequest.newBuilder().setProductId(product).build())));
        }
        default -> throw new IllegalArgumentException("Unknown command " + name);
      }
    }

    private static void expect(List<String> params, int count, String usage) {
      if (params.size() != count) {
        throw new IllegalArgumentException("Usage: cart " + usage);
      }
    }

    private static int number(String text, String what) {
      try {
        return Integer.parseInt(text.trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(what + " must be a whole number, was '" + text + "'");
      }
    }
  }
}
