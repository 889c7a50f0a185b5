package io.stateside.proxy.embedded.store;

/** An event read back from the store. */
public record PersistedEvent(String persistenceId, long sequenceNr, StoredEvent event) {}
