package io.stateside.proxy.embedded;

import akka.actor.ActorSystem;
import akka.persistence.query.Offset;
import akka.projection.ProjectionId;
import io.stateside.proxy.embedded.store.EmbeddedStore;
import io.stateside.proxy.embedded.testing.DataFolder;
import io.stateside.proxy.embedded.testing.EmbeddedProxyHarness;
import io.stateside.proxy.jdbc.testing.ProxyProcess;
import io.stateside.proxy.jdbc.testing.subscription.SubscriptionCrash;
import io.stateside.proxy.jdbc.testing.subscription.SubscriptionRestart;
import io.stateside.proxy.jdbc.testing.subscription.SubscriptionStore;
import io.stateside.proxy.jdbc.testing.subscription.TaggedEvents;
import io.stateside.proxy.testing.ProxyHarness;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Event-log subscriptions on the embedded store: offsets in its RocksDB database. */
class EmbeddedSubscriptionTest {

  private ActorSystem clientSystem;
  private DataFolder folder;

  @BeforeEach
  void start() {
    clientSystem = ProxyHarness.userSideSystem();
    folder = new DataFolder();
  }

  @AfterEach
  void stop() {
    clientSystem.terminate();
    clientSystem.getWhenTerminated().toCompletableFuture().join();
    folder.close();
  }

  @Test
  void aSubscriptionStoppedWithItsProxyGoesOnAfterItsOffsetWithTheNext() {
    SubscriptionRestart.run(port -> EmbeddedProxyHarness.start(folder, port), EmbeddedProxyHarness::stop,
        (proxy, subscription) -> savedOffset(proxy.system(), subscription), clientSystem);
  }

  @Test
  void everyEventReachesTheSubscriberInOrderAcrossAKillAndOnlyTheUncommittedTailComesTwice() throws Exception {
    SubscriptionCrash.run(new SubscriptionStore() {
      @Override
      public String name() {
        return folder.name();
      }

      @Override
      public ProxyProcess startProxy(int userFunctionPort) {
        return ProxyProcess.start(EmbeddedProxy.class.getName(), folder, userFunctionPort);
      }

      @Override
      public Set<String> eventsAfterCommittedOffset(ProjectionId subscription, String tag) {
        return TaggedEvents.withLocalSystem(EmbeddedConfig.load(folder.proxyConfig()), system ->
            TaggedEvents.after(system, tag, savedOffset(system, subscription).orElse(Offset.noOffset())));
      }
    }, clientSystem);
  }

  private static Optional<Offset> savedOffset(ActorSystem system, ProjectionId subscription) {
    return EmbeddedStore.get(system).read(reads -> reads.projectionOffset(subscription.name(), subscription.key()))
        .join().map(Offset::sequence);
  }
}
