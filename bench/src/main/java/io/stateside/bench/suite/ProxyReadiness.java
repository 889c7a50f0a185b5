package io.stateside.bench.suite;

import io.stateside.bench.BenchServices;
import io.stateside.bench.load.Command;
import io.stateside.bench.load.CounterTarget;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Waits until a proxy answers a counter call: it has discovered the user function and serves. */
public final class ProxyReadiness {

  private static final Logger log = LoggerFactory.getLogger(ProxyReadiness.class);

  private ProxyReadiness() {}

  /**
   * @throws IllegalStateException if no call succeeds within {@code timeout}
   */
  public static void await(CounterTarget proxy, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    Throwable last = null;
    while (System.nanoTime() < deadline) {
      CompletableFuture<Void> answered = new CompletableFuture<>();
      proxy.send(Command.get(BenchServices.BENCH_COUNTER, "readiness-probe"), (reply, error) -> {
        if (error == null) {
          answered.complete(null);
        } else {
          answered.completeExceptionally(error);
        }
      });
      try {
        answered.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        return;
      } catch (ExecutionException | TimeoutException e) {
        last = e.getCause() == null ? e : e.getCause();
        log.debug("Proxy not ready yet: {}", last.getMessage());
      }
      // Polling an outside process: there is nothing to be notified by.
      Thread.sleep(500);
    }
    throw new IllegalStateException("The proxy did not serve within " + timeout
        + (last == null ? "" : "; last error: " + last.getMessage()));
  }
}
