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
    Duration userFunctionTimeout,
    int entityPipelineDepth,
    String readJournalPlugin,
    int numberOfShards,
    DiscoverySettings discovery,
    boolean joinSelfWhenNoSeedNodes) {

  /** How discovery retries while the user function is starting. */
  public record DiscoverySettings(
      Duration minBackoff, Duration maxBackoff, Duration giveUpAfter, Duration callTimeout) {}

  public static ProxySettings from(Config root) {
    Config c = root.getConfig("stateside.proxy");
    Config d = c.getConfig("discovery");
    return new ProxySettings(
        c.getString("http-interface"),
        c.getInt("http-port"),
        c.getString("user-function-host"),
        c.getInt("user-function-port"),
        c.getDuration("passivation-timeout"),
        c.getDuration("request-timeout"),
        c.getDuration("user-function-timeout"),
        c.getInt("entity-pipeline-depth"),
        c.getString("read-journal-plugin"),
        c.getInt("number-of-shards"),
        new DiscoverySettings(
            d.getDuration("min-backoff"),
            d.getDuration("max-backoff"),
            d.getDuration("give-up-after"),
            d.getDuration("call-timeout")),
        c.getBoolean("cluster.join-self-when-no-seed-nodes"));
  }
}
