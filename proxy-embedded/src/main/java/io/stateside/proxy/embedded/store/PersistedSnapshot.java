package io.stateside.proxy.embedded.store;

/** A snapshot read back from the store. */
public record PersistedSnapshot(String persistenceId, long sequenceNr, StoredSnapshot snapshot) {}
