package io.stateside.proxy.journaled;

import com.google.protobuf.Any;

/** One event read back from the journal. */
public record StoredEvent(long sequenceNr, Any payload) {}
