package io.stateside.proxy.embedded;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.stateside.proxy.StatesideProxy;
import io.stateside.proxy.embedded.store.EmbeddedStore;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Stateside proxy with its journal, snapshots and read journal in the embedded RocksDB
 * store: one node, nothing to set up, every acknowledged command synced to disk. See
 * docs/embedded.md.
 */
public final class EmbeddedProxy {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedProxy.class);

  private EmbeddedProxy() {
  }

  /** Runs a proxy until it is stopped (SIGTERM runs Akka's coordinated shutdown, which closes the store). */
  public static void main(String[] args) {
    StatesideProxy proxy;
    try {
      proxy = start(ConfigFactory.empty()).toCompletableFuture().join();
    } catch (Throwable e) {
      // Whatever failed, the actor system's threads would keep a half-started JVM alive.
      log.error("Stateside could not start", e);
      System.exit(1);
      return;
    }
    // As the other stores' mains do: SIGTERM drains and stops the node, then the process exits 0
    // (without it the JVM's default handler exits 143 after the shutdown hooks).
    proxy.stopOnSigterm();
    proxy.system().getWhenTerminated().toCompletableFuture().join();
    System.exit(0);
  }

  /**
   * Starts a proxy node on the embedded store. {@code overrides} sit above every other
   * configuration layer (tests use them; a normal start passes an empty config).
   */
  public static CompletionStage<StatesideProxy> start(Config overrides) {
    return StatesideProxy.start(EmbeddedConfig.load(overrides)).thenCompose(proxy -> {
      // Open the store now rather than at the first entity, so that a folder in use by another
      // proxy, or unreadable, stops this one at once instead of failing every entity.
      try {
        EmbeddedStore.get(proxy.system());
        return CompletableFuture.completedFuture(proxy);
      } catch (RuntimeException cannotOpen) {
        return proxy.stop().thenCompose(stopped -> CompletableFuture.<StatesideProxy>failedFuture(cannotOpen));
      }
    });
  }
}
