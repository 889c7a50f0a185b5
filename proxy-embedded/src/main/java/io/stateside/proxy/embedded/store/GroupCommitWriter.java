package io.stateside.proxy.embedded.store;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit: one thread takes every write that is waiting, of any entity, puts them in one
 * write batch, writes it with one sync of the write-ahead log, and only then completes each
 * write's future. While one group is being synced the next one queues up, so the number of
 * syncs follows the disk, not the number of writes. Akka's threads never wait for the disk.
 */
public final class GroupCommitWriter implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(GroupCommitWriter.class);

  private record Pending(StoreWrite write, CompletableFuture<Void> done) {}

  private final StoreDatabase database;
  private final BatchAssembler assembler;
  private final int maxGroupWrites;
  private final WriteOptions writeOptions;
  private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
  private final Thread thread;
  private volatile boolean closing;

  GroupCommitWriter(StoreDatabase database, BatchAssembler assembler, EmbeddedStoreSettings settings) {
    this.database = database;
    this.assembler = assembler;
    this.maxGroupWrites = settings.maxGroupWrites();
    this.writeOptions = new WriteOptions().setSync(settings.sync());
    this.thread = new Thread(this::run, "stateside-embedded-writer");
    this.thread.setDaemon(true);
  }

  /** Starts committing; writes submitted before are committed together in the first group. */
  void start() {
    thread.start();
  }

  /** Completes once the write is durable (synced, unless sync is off), or fails with the batch. */
  public CompletableFuture<Void> submit(StoreWrite write) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    if (closing) {
      done.completeExceptionally(new IllegalStateException("The embedded store is closed"));
      return done;
    }
    queue.add(new Pending(write, done));
    return done;
  }

  private void run() {
    List<Pending> group = new ArrayList<>();
    while (!closing || !queue.isEmpty()) {
      try {
        Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        group.add(first);
        queue.drainTo(group, maxGroupWrites - 1);
        commit(group);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } finally {
        group.clear();
      }
    }
  }

  private void commit(List<Pending> group) {
    try (WriteBatch batch = new WriteBatch()) {
      for (Pending pending : group) {
        assembler.add(pending.write(), batch);
      }
      database.db().write(writeOptions, batch);
    } catch (RocksDBException | RuntimeException e) {
      assembler.abandoned();
      log.error("The embedded store could not commit a group of {} writes", group.size(), e);
      StoreFailure failure = new StoreFailure("writing a group of " + group.size() + " writes", e);
      group.forEach(pending -> pending.done().completeExceptionally(failure));
      return;
    }
    assembler.committed();
    group.forEach(pending -> pending.done().complete(null));
  }

  /** Commits everything already submitted, stops the thread, and refuses later writes. */
  @Override
  public void close() {
    closing = true;
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    Pending late;
    while ((late = queue.poll()) != null) {
      late.done().completeExceptionally(new IllegalStateException("The embedded store is closed"));
    }
    writeOptions.close();
  }
}
