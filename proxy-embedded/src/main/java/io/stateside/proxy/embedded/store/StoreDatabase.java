package io.stateside.proxy.embedded.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.CompressionType;
import org.rocksdb.DBOptions;
import org.rocksdb.FlushOptions;
import org.rocksdb.InfoLogLevel;
import org.rocksdb.LRUCache;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.Statistics;
import org.rocksdb.StatsLevel;
import org.rocksdb.TickerType;

/**
 * The open RocksDB database: its column families (meta, events, tag index, snapshots), its
 * statistics, and closing it. Nothing here decides what is written.
 */
public final class StoreDatabase implements AutoCloseable {

  static {
    RocksDB.loadLibrary();
  }

  private static final String EVENTS = "events";
  private static final String TAGS = "tags";
  private static final String SNAPSHOTS = "snapshots";

  private final RocksDB db;
  private final Statistics statistics;
  private final DBOptions dbOptions;
  private final ColumnFamilyOptions columnOptions;
  private final LRUCache blockCache;
  private final List<ColumnFamilyHandle> handles;

  private StoreDatabase(RocksDB db, Statistics statistics, DBOptions dbOptions, ColumnFamilyOptions columnOptions,
      LRUCache blockCache, List<ColumnFamilyHandle> handles) {
    this.db = db;
    this.statistics = statistics;
    this.dbOptions = dbOptions;
    this.columnOptions = columnOptions;
    this.blockCache = blockCache;
    this.handles = handles;
  }

  /** Opens (creating if missing) the database in the settings' folder. */
  public static StoreDatabase open(EmbeddedStoreSettings settings) {
    try {
      Files.createDirectories(settings.dataDir());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create the data folder " + settings.dataDir(), e);
    }
    Statistics statistics = new Statistics();
    statistics.setStatsLevel(StatsLevel.EXCEPT_DETAILED_TIMERS);
    DBOptions dbOptions = new DBOptions()
        .setCreateIfMissing(true)
        .setCreateMissingColumnFamilies(true)
        .setStatistics(statistics)
        // The writer thread is the only writer: no need for RocksDB's own writer queue.
        .setEnablePipelinedWrite(false)
        .setMaxTotalWalSize(4 * settings.writeBufferBytes())
        .setMaxBackgroundJobs(2)
        // RocksDB's own log stays small: it counts in the data folder.
        .setInfoLogLevel(InfoLogLevel.WARN_LEVEL)
        .setKeepLogFileNum(2)
        .setMaxLogFileSize(1024 * 1024)
        .setStatsDumpPeriodSec(0);
    LRUCache blockCache = new LRUCache(32L * 1024 * 1024);
    ColumnFamilyOptions columnOptions = new ColumnFamilyOptions()
        .setWriteBufferSize(settings.writeBufferBytes())
        .setMaxWriteBufferNumber(3)
        .setCompressionType(CompressionType.LZ4_COMPRESSION)
        .setBottommostCompressionType(CompressionType.ZSTD_COMPRESSION)
        .setLevelCompactionDynamicLevelBytes(true)
        .setTableFormatConfig(new BlockBasedTableConfig().setBlockCache(blockCache));
    List<ColumnFamilyDescriptor> descriptors = List.of(
        new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, columnOptions),
        new ColumnFamilyDescriptor(EVENTS.getBytes(StandardCharsets.UTF_8), columnOptions),
        new ColumnFamilyDescriptor(TAGS.getBytes(StandardCharsets.UTF_8), columnOptions),
        new ColumnFamilyDescriptor(SNAPSHOTS.getBytes(StandardCharsets.UTF_8), columnOptions));
    List<ColumnFamilyHandle> handles = new ArrayList<>();
    try {
      RocksDB db = RocksDB.open(dbOptions, settings.dataDir().toString(), descriptors, handles);
      return new StoreDatabase(db, statistics, dbOptions, columnOptions, blockCache, List.copyOf(handles));
    } catch (RocksDBException e) {
      handles.forEach(ColumnFamilyHandle::close);
      columnOptions.close();
      dbOptions.close();
      blockCache.close();
      statistics.close();
      throw new IllegalStateException("Cannot open the embedded store in " + settings.dataDir() + ": "
          + e.getMessage() + " (is another proxy running on this folder?)", e);
    }
  }

  RocksDB db() {
    return db;
  }

  ColumnFamilyHandle meta() {
    return handles.get(0);
  }

  ColumnFamilyHandle events() {
    return handles.get(1);
  }

  ColumnFamilyHandle tags() {
    return handles.get(2);
  }

  ColumnFamilyHandle snapshots() {
    return handles.get(3);
  }

  /** The engine's own counters of what reached the disk. */
  public StoreStatistics statistics() {
    return new StoreStatistics(
        statistics.getTickerCount(TickerType.WAL_FILE_SYNCED),
        statistics.getTickerCount(TickerType.WAL_FILE_BYTES),
        statistics.getTickerCount(TickerType.WRITE_DONE_BY_SELF),
        statistics.getTickerCount(TickerType.NUMBER_DB_SEEK) + statistics.getTickerCount(TickerType.NUMBER_DB_NEXT)
            + statistics.getTickerCount(TickerType.NUMBER_DB_PREV));
  }

  /**
   * Flushes the in-memory tables to sorted files (so the next start need not replay the
   * write-ahead log, and the log's files can go), then closes everything.
   */
  @Override
  public void close() {
    try (FlushOptions flush = new FlushOptions().setWaitForFlush(true)) {
      db.flush(flush, handles);
    } catch (RocksDBException e) {
      // Closing anyway: every acknowledged write is in the synced write-ahead log.
    }
    handles.forEach(ColumnFamilyHandle::close);
    db.close();
    columnOptions.close();
    dbOptions.close();
    blockCache.close();
    statistics.close();
  }
}
