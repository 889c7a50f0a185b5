package io.stateside.proxy.embedded.testing;

import com.typesafe.config.ConfigFactory;
import io.stateside.proxy.StatesideProxy;
import io.stateside.proxy.embedded.EmbeddedProxy;
import io.stateside.proxy.testing.ProxyHarness;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Starts the embedded-store proxy the way its main class does, with proxy-core's test settings. */
public final class EmbeddedProxyHarness {

  private EmbeddedProxyHarness() {
  }

  public static StatesideProxy start(DataFolder folder, int userFunctionPort) {
    try {
      // The plugin selection must sit above proxy-core's reference.conf, which the test settings include.
      return EmbeddedProxy.start(folder.proxyConfig()
              .withFallback(ConfigFactory.parseResources("stateside-embedded.conf"))
              .withFallback(ProxyHarness.config(userFunctionPort, Map.of())))
          .toCompletableFuture().get(120, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("The embedded proxy did not start on " + folder.name(), e);
    }
  }

  /** Stops the proxy and waits until its actor system, and so the store, is closed. */
  public static void stop(StatesideProxy proxy) {
    ProxyHarness.stop(proxy);
    proxy.system().getWhenTerminated().toCompletableFuture().join();
  }
}
