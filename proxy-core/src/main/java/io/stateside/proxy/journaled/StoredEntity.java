package io.stateside.proxy.journaled;

import com.google.protobuf.Any;
import java.util.Optional;

/**
 * What the journal holds of an entity when an incarnation starts: its latest snapshot, if any,
 * and how far its events go. The events themselves are read as a stream by {@link JournalReplay}.
 */
public record StoredEntity(long snapshotSequenceNr, Optional<Any> snapshot, long highestSequenceNr) {

  public boolean isEmpty() {
    return highestSequenceNr == 0;
  }
}
