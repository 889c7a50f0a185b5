package io.stateside.proxy.embedded.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Key layout. Numbers are big-endian so that RocksDB's bytewise order is numeric order: the
 * events of one persistence id are one contiguous, sequence-ordered range, found by prefix.
 *
 * <ul>
 *   <li>events: {@code pid id (8) | sequence nr (8)}
 *   <li>snapshots: {@code pid id (8) | sequence nr (8)}
 *   <li>tag index: {@code tag id (8) | global offset (8)} → {@code pid id (8) | sequence nr (8)}
 *   <li>meta: {@code 'p' name} → pid id, {@code 'n' id} → pid name, {@code 't' name} → tag id,
 *       {@code 'g' id} → tag name, {@code 'd' pid id} → highest sequence nr when events were deleted,
 *       {@code 'o' length of name (4) | name | key} → a projection's offset (8)
 * </ul>
 */
final class Keys {

  static final byte PID_BY_NAME = 'p';
  static final byte PID_NAME = 'n';
  static final byte TAG_BY_NAME = 't';
  static final byte TAG_NAME = 'g';
  static final byte DELETED_HIGHEST = 'd';
  static final byte PROJECTION_OFFSET = 'o';

  private Keys() {
  }

  /** Key of entry {@code number} under the 8-byte {@code id} (events, snapshots, tag index). */
  static byte[] entry(long id, long number) {
    return ByteBuffer.allocate(16).putLong(id).putLong(number).array();
  }

  static long id(byte[] entryKey) {
    return ByteBuffer.wrap(entryKey).getLong(0);
  }

  static long number(byte[] entryKey) {
    return ByteBuffer.wrap(entryKey).getLong(8);
  }

  static byte[] name(byte kind, String name) {
    byte[] text = name.getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(1 + text.length).put(kind).put(text).array();
  }

  static String name(byte[] key) {
    return new String(key, 1, key.length - 1, StandardCharsets.UTF_8);
  }

  /** The name's length first, so that no pair of name and key can be mistaken for another. */
  static byte[] projectionOffset(String projectionName, String projectionKey) {
    byte[] name = projectionName.getBytes(StandardCharsets.UTF_8);
    byte[] key = projectionKey.getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(1 + 4 + name.length + key.length)
        .put(PROJECTION_OFFSET).putInt(name.length).put(name).put(key).array();
  }

  static byte[] numbered(byte kind, long id) {
    return ByteBuffer.allocate(9).put(kind).putLong(id).array();
  }

  static long numberedId(byte[] key) {
    return ByteBuffer.wrap(key).getLong(1);
  }

  static byte[] longValue(long value) {
    return ByteBuffer.allocate(8).putLong(value).array();
  }

  static long longValue(byte[] bytes) {
    return ByteBuffer.wrap(bytes).getLong();
  }

  static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  static byte[] text(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
