package io.stateside.proxy.embedded.store;

/** Which snapshots of a persistence id an operation is about (bounds inclusive, as Akka's criteria). */
public record SnapshotSelection(long minSequenceNr, long maxSequenceNr, long minTimestamp, long maxTimestamp) {

  public static SnapshotSelection exactly(long sequenceNr, long timestamp) {
    return timestamp == 0
        ? new SnapshotSelection(sequenceNr, sequenceNr, 0, Long.MAX_VALUE)
        : new SnapshotSelection(sequenceNr, sequenceNr, timestamp, timestamp);
  }

  boolean matches(long sequenceNr, long timestamp) {
    return sequenceNr >= minSequenceNr && sequenceNr <= maxSequenceNr
        && timestamp >= minTimestamp && timestamp <= maxTimestamp;
  }
}
