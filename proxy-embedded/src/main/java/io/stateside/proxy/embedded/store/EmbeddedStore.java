package io.stateside.proxy.embedded.store;

import akka.Done;
import akka.actor.AbstractExtensionId;
import akka.actor.ActorSystem;
import akka.actor.CoordinatedShutdown;
import akka.actor.ExtendedActorSystem;
import akka.actor.Extension;
import akka.actor.ExtensionIdProvider;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;
import org.rocksdb.RocksIterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one embedded store of an actor system, shared by the journal, the snapshot store and the
 * read journal: the database, its writer thread and its read threads. It closes in the last
 * phase of coordinated shutdown, after the entities have stopped and their writes are done.
 */
public final class EmbeddedStore implements Extension, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedStore.class);

  /** The extension's id: {@code EmbeddedStore.ID.get(system)}. */
  public static final Id ID = new Id();

  private final EmbeddedStoreSettings settings;
  private final StoreDatabase database;
  private final GroupCommitWriter writer;
  private final StoreReads reads;
  private final ExecutorService readThreads;
  private final AtomicBoolean closed = new AtomicBoolean();

  private EmbeddedStore(EmbeddedStoreSettings settings) {
    this.settings = settings;
    this.database = StoreDatabase.open(settings);
    IdRegistry persistenceIds = IdRegistry.persistenceIds(database);
    IdRegistry tags = IdRegistry.tags(database);
    AtomicLong committedOffset = new AtomicLong(lastOffset(database, tags));
    this.reads = new StoreReads(database, persistenceIds, tags, committedOffset);
    this.writer = new GroupCommitWriter(database,
        new BatchAssembler(database, persistenceIds, tags, reads, committedOffset), settings);
    this.readThreads = Executors.newFixedThreadPool(settings.readThreads(), daemonThreads("stateside-embedded-reader"));
  }

  /** Opens a store outside an actor system, with its writer not started yet (tests use this). */
  public static EmbeddedStore openUnstarted(EmbeddedStoreSettings settings) {
    return new EmbeddedStore(settings);
  }

  public static EmbeddedStore get(ActorSystem system) {
    return ID.get(system);
  }

  /** Starts the writer; writes submitted before go in its first group. */
  public void start() {
    writer.start();
    log.info("Embedded store open in {} (sync {})", settings.dataDir(), settings.sync() ? "on" : "OFF");
  }

  /** Completes once the write is on stable storage. */
  public CompletableFuture<Void> write(StoreWrite write) {
    return writer.submit(write);
  }

  /** Runs a read on the store's read threads, never on the caller's; fails once the store is closed. */
  public <T> CompletableFuture<T> read(Function<StoreReads, T> query) {
    try {
      return CompletableFuture.supplyAsync(() -> query.apply(reads), readThreads);
    } catch (RejectedExecutionException closing) {
      return CompletableFuture.failedFuture(new IllegalStateException("The embedded store is closed"));
    }
  }

  public EmbeddedStoreSettings settings() {
    return settings;
  }

  public StoreStatistics statistics() {
    return database.statistics();
  }

  /** Commits what is queued, then closes the database; later writes fail. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    writer.close();
    // Reads still running hold native iterators: the database may only close after them.
    readThreads.shutdown();
    try {
      if (!readThreads.awaitTermination(30, TimeUnit.SECONDS)) {
        log.warn("Reads of the embedded store still running after 30 s; closing it anyway");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    StoreStatistics statistics = database.statistics();
    database.close();
    log.info("Embedded store closed: {} group commits, {} WAL syncs, {} WAL bytes since it opened",
        statistics.writes(), statistics.walSyncs(), statistics.walBytes());
  }

  private static long lastOffset(StoreDatabase database, IdRegistry tags) {
    long last = 0;
    try (RocksIterator it = database.db().newIterator(database.tags())) {
      for (long tagId : tags.committedIds()) {
        it.seekForPrev(Keys.entry(tagId, Long.MAX_VALUE));
        if (it.isValid() && Keys.id(it.key()) == tagId) {
          last = Math.max(last, Keys.number(it.key()));
        }
      }
    }
    return last;
  }

  private static ThreadFactory daemonThreads(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return task -> {
      Thread thread = new Thread(task, prefix + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  /** Creates the store on first use in an actor system and closes it at the end of its shutdown. */
  public static final class Id extends AbstractExtensionId<EmbeddedStore> implements ExtensionIdProvider {

    private Id() {
    }

    @Override
    public EmbeddedStore createExtension(ExtendedActorSystem system) {
      EmbeddedStore store = new EmbeddedStore(EmbeddedStoreSettings.from(system.settings().config()));
      store.start();
      Supplier<CompletionStage<Done>> close = () -> CompletableFuture.supplyAsync(() -> {
        store.close();
        return Done.getInstance();
      });
      CoordinatedShutdown.get(system).addTask(CoordinatedShutdown.PhaseBeforeActorSystemTerminate(),
          "close-embedded-store", close);
      system.registerOnTermination(store::close);
      return store;
    }

    @Override
    public Id lookup() {
      return this;
    }
  }
}
