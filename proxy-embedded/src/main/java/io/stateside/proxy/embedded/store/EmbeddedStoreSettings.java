package io.stateside.proxy.embedded.store;

import com.typesafe.config.Config;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The settings under {@code stateside.embedded} (documented in docs/embedded.md).
 *
 * @param dataDir the RocksDB folder, absolute
 * @param sync whether every group commit syncs the write-ahead log before acknowledging
 * @param maxGroupWrites most writes committed together in one write and one sync
 * @param readThreads threads for replays, snapshot loads and queries
 * @param writeBufferBytes size of each in-memory table before it is flushed to a file
 * @param queryPageSize events read per round trip by the read journal
 * @param queryRefreshInterval how often a live query looks for new events
 */
public record EmbeddedStoreSettings(
    Path dataDir,
    boolean sync,
    int maxGroupWrites,
    int readThreads,
    long writeBufferBytes,
    int queryPageSize,
    Duration queryRefreshInterval) {

  public static EmbeddedStoreSettings from(Config config) {
    Config embedded = config.getConfig("stateside.embedded");
    return new EmbeddedStoreSettings(
        Path.of(embedded.getString("data-dir")).toAbsolutePath().normalize(),
        embedded.getBoolean("sync"),
        embedded.getInt("max-group-writes"),
        embedded.getInt("read-threads"),
        embedded.getBytes("write-buffer-size"),
        embedded.getInt("query.page-size"),
        embedded.getDuration("query.refresh-interval"));
  }
}
