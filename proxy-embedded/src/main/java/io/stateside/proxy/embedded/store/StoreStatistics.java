package io.stateside.proxy.embedded.store;

/**
 * RocksDB's tickers since the store opened.
 *
 * @param walSyncs syncs of the write-ahead log (fsync/fdatasync)
 * @param walBytes bytes appended to the write-ahead log
 * @param writes write batches committed (each group commit is one)
 * @param iteratorSteps seeks and steps of iterators: how many keys reads walked over
 */
public record StoreStatistics(long walSyncs, long walBytes, long writes, long iteratorSteps) {
}
