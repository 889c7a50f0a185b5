package io.stateside.tck.interceptor;

import com.google.protobuf.Empty;
import io.stateside.protocol.EntityDiscovery;
import io.stateside.protocol.EntityDiscoveryClient;
import io.stateside.protocol.EntitySpec;
import io.stateside.protocol.ProxyInfo;
import io.stateside.protocol.UserFunctionError;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/** Forwards {@code cloudstate.EntityDiscovery} calls to the user function and records them. */
public final class DiscoveryInterceptor implements EntityDiscovery {

  /**
   * One {@code discover} call.
   *
   * @param proxyInfo what the proxy sent
   * @param spec what the user function answered, unless the call failed
   * @param error why the call failed
   */
  public record Exchange(ProxyInfo proxyInfo, Optional<EntitySpec> spec, Optional<String> error) {}

  private final EntityDiscoveryClient userFunction;
  private final List<Exchange> exchanges = new ArrayList<>();
  private final List<UserFunctionError> reportedErrors = new ArrayList<>();

  DiscoveryInterceptor(EntityDiscoveryClient userFunction) {
    this.userFunction = userFunction;
  }

  @Override
  public CompletionStage<EntitySpec> discover(ProxyInfo proxyInfo) {
    return userFunction.discover(proxyInfo).whenComplete((spec, error) -> record(
        new Exchange(proxyInfo, Optional.ofNullable(spec), Optional.ofNullable(error).map(Throwable::toString))));
  }

  @Override
  public CompletionStage<Empty> reportError(UserFunctionError error) {
    synchronized (this) {
      reportedErrors.add(error);
      notifyAll();
    }
    return userFunction.reportError(error);
  }

  private synchronized void record(Exchange exchange) {
    exchanges.add(exchange);
    notifyAll();
  }

  /** The first {@code discover} call the user function answered, waiting for it if need be. */
  public synchronized Optional<Exchange> awaitAnswered(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Optional<Exchange> answered = exchanges.stream().filter(e -> e.spec().isPresent()).findFirst();
      long left = deadline - System.nanoTime();
      if (answered.isPresent() || left <= 0) {
        return answered;
      }
      wait(Math.max(1, left / 1_000_000));
    }
  }

  public synchronized List<Exchange> exchanges() {
    return List.copyOf(exchanges);
  }

  /** Errors the proxy reported to the user function through {@code reportError}. */
  public synchronized List<UserFunctionError> reportedErrors() {
    return List.copyOf(reportedErrors);
  }
}
