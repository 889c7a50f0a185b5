package io.stateside.proxy.embedded.store;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;

/**
 * Numbers for names (persistence ids, tags), so that every key carries 8 bytes instead of the
 * name. Only the writer thread assigns numbers; a new number is written in the same batch as
 * the first entry that uses it, and published to readers only once that batch is committed.
 */
final class IdRegistry {

  private final StoreDatabase database;
  private final byte byNameKind;
  private final byte nameKind;
  private final Map<String, Long> ids = new ConcurrentHashMap<>();
  private final Map<Long, String> names = new ConcurrentHashMap<>();
  // Writer thread only.
  private final Map<String, Long> pending = new HashMap<>();
  private long lastId;

  private IdRegistry(StoreDatabase database, byte byNameKind, byte nameKind, long lastId) {
    this.database = database;
    this.byNameKind = byNameKind;
    this.nameKind = nameKind;
    this.lastId = lastId;
  }

  static IdRegistry persistenceIds(StoreDatabase database) {
    return open(database, Keys.PID_BY_NAME, Keys.PID_NAME);
  }

  static IdRegistry tags(StoreDatabase database) {
    return open(database, Keys.TAG_BY_NAME, Keys.TAG_NAME);
  }

  private static IdRegistry open(StoreDatabase database, byte byNameKind, byte nameKind) {
    try (RocksIterator it = database.db().newIterator(database.meta())) {
      it.seekForPrev(Keys.numbered(nameKind, Long.MAX_VALUE));
      long last = it.isValid() && it.key().length == 9 && it.key()[0] == nameKind ? Keys.numberedId(it.key()) : 0;
      return new IdRegistry(database, byNameKind, nameKind, last);
    }
  }

  /** The committed number of a name, if it has one. */
  Optional<Long> find(String name) {
    Long cached = ids.get(name);
    if (cached != null) {
      return Optional.of(cached);
    }
    byte[] stored = get(Keys.name(byNameKind, name));
    if (stored == null) {
      return Optional.empty();
    }
    long id = Keys.longValue(stored);
    ids.put(name, id);
    names.put(id, name);
    return Optional.of(id);
  }

  /** The committed name of a number. */
  Optional<String> name(long id) {
    String cached = names.get(id);
    if (cached != null) {
      return Optional.of(cached);
    }
    byte[] stored = get(Keys.numbered(nameKind, id));
    if (stored == null) {
      return Optional.empty();
    }
    String name = Keys.text(stored);
    names.put(id, name);
    return Optional.of(name);
  }

  /** Every committed name, in byte order (the persistence-ids query). */
  List<String> committedNames() {
    List<String> found = new ArrayList<>();
    try (RocksIterator it = database.db().newIterator(database.meta())) {
      for (it.seek(new byte[] {byNameKind}); it.isValid() && it.key()[0] == byNameKind; it.next()) {
        found.add(Keys.name(it.key()));
      }
    }
    return found;
  }

  /** Writer thread: the number of a name, assigning one in {@code batch} if it has none. */
  long assign(String name, WriteBatch batch) throws RocksDBException {
    Long known = pending.get(name);
    if (known != null) {
      return known;
    }
    Optional<Long> committed = find(name);
    if (committed.isPresent()) {
      return committed.get();
    }
    long id = ++lastId;
    pending.put(name, id);
    batch.put(database.meta(), Keys.name(byNameKind, name), Keys.longValue(id));
    batch.put(database.meta(), Keys.numbered(nameKind, id), Keys.text(name));
    return id;
  }

  /** Writer thread: the batch holding the pending numbers is durable. */
  void committed() {
    pending.forEach((name, id) -> {
      ids.put(name, id);
      names.put(id, name);
    });
    pending.clear();
  }

  /** Writer thread: the batch failed; its numbers were never stored. */
  void abandoned() {
    lastId -= pending.size();
    pending.clear();
  }

  /** Every committed number, in order (tags are few). */
  List<Long> committedIds() {
    List<Long> found = new ArrayList<>();
    try (RocksIterator it = database.db().newIterator(database.meta())) {
      for (it.seek(new byte[] {nameKind}); it.isValid() && it.key()[0] == nameKind; it.next()) {
        found.add(Keys.numberedId(it.key()));
      }
    }
    return found;
  }

  private byte[] get(byte[] key) {
    try {
      return database.db().get(database.meta(), key);
    } catch (RocksDBException e) {
      throw new StoreFailure("reading the id of a name", e);
    }
  }
}
