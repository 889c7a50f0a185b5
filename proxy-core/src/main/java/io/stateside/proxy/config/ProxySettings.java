package io.stateside.proxy.config;

import com.typesafe.config.Config;
import java.time.Duration;

/** The proxy's settings, read once at start from {@code stateside.proxy}. */
public record ProxySettings(
    String httpInterface,
    int httpPort,
    String userFunctionHost,
    int userFunctionPort,
    Duration passivationTimeout,
    Duration requestTimeout,
    Duration maxRequestTimeout,
    Duration userFunctionTimeout,
    int userFunctionStreamsPerConnection,
    int entityPipelineDepth,
    int valueEntityPruneEvery,
    String readJournalPlugin,
    int numberOfShards,
    CallLimits limits,
    StoreSettings store,
    DiscoverySettings discovery) {

  /** How discovery retries while the user function is starting. */
  public record DiscoverySettings(
      Duration minBackoff, Duration maxBackoff, Duration giveUpAfter, Duration callTimeout) {}

  /**
   * What one call may send. Each limit fails only the call that breaks it, so one client
   * cannot take memory or connections from the others.
   */
  public record CallLimits(int maxMessageSize, int maxHeaderCount, int maxHeaderListSize, int maxEntityKeyLength) {}

  /**
   * What the proxy needs to know about its journal beyond the Akka plugin settings.
   * {@code journalReplay}: whether an entity's journal replays its events when it loads (their
   * user function gets them from the read journal either way), for plugins that repair their
   * tag index during that replay.
   */
  public record StoreSettings(int maxPersistenceIdLength, Duration checkTimeout, boolean journalReplay) {

    /** The longest entity id that still fits the store with the given persistence id prefix. */
    public int maxEntityKeyLength(int configuredMaximum, String persistenceIdPrefix) {
      if (maxPersistenceIdLength <= 0) {
        return configuredMaximum;
      }
      // The stored persistence id is "<prefix>|<entity id>".
      return Math.min(configuredMaximum, maxPersistenceIdLength - persistenceIdPrefix.length() - 1);
    }
  }

  /**
   * Reads the settings.
   *
   * @throws IllegalStateException when calls could outlive the idle timeout of their connection
   */
  public static ProxySettings from(Config root) {
    Config c = root.getConfig("stateside.proxy");
    requireCallsShorterThanIdleTimeout(root, c.getDuration("max-request-timeout"));
    Config d = c.getConfig("discovery");
    Config l = c.getConfig("limits");
    Config s = c.getConfig("store");
    return new ProxySettings(
        c.getString("http-interface"),
        c.getInt("http-port"),
        c.getString("user-function-host"),
        c.getInt("user-function-port"),
        c.getDuration("passivation-timeout"),
        c.getDuration("request-timeout"),
        c.getDuration("max-request-timeout"),
        c.getDuration("user-function-timeout"),
        c.getInt("user-function-streams-per-connection"),
        c.getInt("entity-pipeline-depth"),
        c.getInt("value-entity.prune-every"),
        c.getString("read-journal-plugin"),
        c.getInt("number-of-shards"),
        new CallLimits(
            Math.toIntExact(l.getBytes("max-message-size")),
            l.getInt("max-header-count"),
            Math.toIntExact(l.getBytes("max-header-list-size")),
            l.getInt("max-entity-key-length")),
        new StoreSettings(s.getInt("max-persistence-id-length"), s.getDuration("check-timeout"),
            s.getBoolean("journal-replay")),
        new DiscoverySettings(
            d.getDuration("min-backoff"),
            d.getDuration("max-backoff"),
            d.getDuration("give-up-after"),
            d.getDuration("call-timeout")));
  }

  /**
   * A call in flight sends nothing while it waits for its entity; were it allowed to wait longer
   * than the idle timeout, its connection would be closed under it.
   */
  private static void requireCallsShorterThanIdleTimeout(Config root, Duration maxRequestTimeout) {
    String idle = root.getString("akka.http.server.idle-timeout");
    if (!idle.equals("infinite") && root.getDuration("akka.http.server.idle-timeout").compareTo(maxRequestTimeout) <= 0) {
      throw new IllegalStateException("stateside.proxy.max-request-timeout (" + maxRequestTimeout
          + ") must be shorter than akka.http.server.idle-timeout (" + idle + ")");
    }
  }
}
