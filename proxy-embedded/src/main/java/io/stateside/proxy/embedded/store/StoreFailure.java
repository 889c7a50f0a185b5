package io.stateside.proxy.embedded.store;

/** RocksDB failed underneath an operation of the store. */
public final class StoreFailure extends RuntimeException {

  public StoreFailure(String operation, Exception cause) {
    super("Embedded store failed " + operation + ": " + cause.getMessage(), cause);
  }
}
