package io.stateside.proxy.testing;

import akka.persistence.testkit.PersistenceTestKitPlugin;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;

/**
 * Akka's persistence testkit journal in place of the memory store, for tests that make journal
 * writes fail ({@code PersistenceTestKit.failNextPersisted}); entities replay through its read journal.
 */
public final class TestkitJournal {

  private TestkitJournal() {
  }

  public static Config config() {
    return ConfigFactory.parseString("stateside.proxy.read-journal-plugin = \"akka.persistence.testkit.query\"")
        .withFallback(PersistenceTestKitPlugin.getInstance().config());
  }
}
