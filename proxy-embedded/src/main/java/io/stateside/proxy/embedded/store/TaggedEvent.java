package io.stateside.proxy.embedded.store;

/** An event found through the tag index, with its global offset (ascending in commit order). */
public record TaggedEvent(long offset, PersistedEvent event) {}
