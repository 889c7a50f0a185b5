package io.stateside.bench.load;

import io.stateside.bench.protocol.CounterReply;

/** Where a run's commands go: through a proxy, or straight to the user function. */
public interface CounterTarget extends AutoCloseable {

  /**
   * Sends a command; {@code done} is called exactly once, on a transport thread, with the reply or
   * the error. It must not block.
   */
  void send(Command command, Completion done);

  /** Releases connections and streams. */
  @Override
  void close();

  /** The outcome of one command. */
  interface Completion {
    void completed(CounterReply reply, Throwable error);
  }
}
