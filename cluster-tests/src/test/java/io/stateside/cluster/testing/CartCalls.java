package io.stateside.cluster.testing;

import akka.actor.ActorSystem;
import akka.grpc.GrpcClientSettings;
import io.grpc.Status;
import io.stateside.samples.shoppingcart.api.AddLineItem;
import io.stateside.samples.shoppingcart.api.CartQuantity;
import io.stateside.samples.shoppingcart.api.GetProductCartsRequest;
import io.stateside.samples.shoppingcart.api.GetShoppingCart;
import io.stateside.samples.shoppingcart.api.LineItem;
import io.stateside.samples.shoppingcart.api.ProductCartsServiceClient;
import io.stateside.samples.shoppingcart.api.ShoppingCartServiceClient;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/** Blocking shopping-cart calls through one node's frontend, and reads of its carts-by-product read model. */
public final class CartCalls implements AutoCloseable {

  private final ShoppingCartServiceClient client;
  private final ProductCartsServiceClient productCarts;
  private final Duration deadline;

  public CartCalls(int port, ActorSystem clientSystem, Duration deadline) {
    this.deadline = deadline;
    GrpcClientSettings settings =
        GrpcClientSettings.connectToServiceAt("127.0.0.1", port, clientSystem).withTls(false).withDeadline(deadline);
    this.client = ShoppingCartServiceClient.create(settings, clientSystem);
    this.productCarts = ProductCartsServiceClient.create(settings, clientSystem);
  }

  public void add(String cartId, String productId) {
    await(client.addItem(AddLineItem.newBuilder().setUserId(cartId).setProductId(productId).setQuantity(1).build()));
  }

  /** The cart's lines: product id to quantity. */
  public Map<String, Integer> get(String cartId) {
    List<LineItem> items = await(client.getCart(GetShoppingCart.newBuilder().setUserId(cartId).build())).getItemsList();
    Map<String, Integer> lines = new HashMap<>();
    items.forEach(item -> lines.merge(item.getProductId(), item.getQuantity(), Integer::sum));
    return lines;
  }

  /** The carts the read model says hold the product. */
  public Set<String> cartsHolding(String productId) {
    return await(productCarts.getProductCarts(GetProductCartsRequest.newBuilder().setProductId(productId).build()))
        .getCartsList().stream().map(CartQuantity::getCartId).collect(Collectors.toSet());
  }

  public static Status.Code code(Throwable failure) {
    return Status.fromThrowable(failure).getCode();
  }

  @Override
  public void close() {
    client.close().toCompletableFuture().join();
    productCarts.close().toCompletableFuture().join();
  }

  private <T> T await(CompletionStage<T> call) {
    try {
      // The client's deadline ends the call; the margin only guards against a stuck client.
      return call.toCompletableFuture().get(deadline.toSeconds() + 30, TimeUnit.SECONDS);
    } catch (ExecutionException | CompletionException e) {
      throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException("call outlived its deadline by far", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
