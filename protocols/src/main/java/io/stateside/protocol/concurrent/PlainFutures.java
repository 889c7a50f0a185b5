package io.stateside.protocol.concurrent;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * Takes results off the completion stages Akka's Java APIs return. Those stages come from
 * Scala's future converters, which run every dependent stage ({@code thenApply},
 * {@code thenCompose}, ...) through {@code CompletableFuture}'s default async executor; with
 * fewer than three CPUs that executor starts a new thread per task, i.e. several per request.
 * A plain {@code CompletableFuture} runs dependent stages on the thread that completes it.
 */
public final class PlainFutures {

  /** Runs a callback on the thread that completes the stage: only for short, non-blocking work. */
  private static final Executor SAME_THREAD = Runnable::run;

  private PlainFutures() {}

  public static <T> CompletableFuture<T> of(CompletionStage<T> stage) {
    CompletableFuture<T> plain = new CompletableFuture<>();
    stage.whenCompleteAsync((value, error) -> {
      if (error != null) {
        plain.completeExceptionally(error);
      } else {
        plain.complete(value);
      }
    }, SAME_THREAD);
    return plain;
  }

  /** What failed, without the {@code CompletionException}s that completion stages wrap it in. */
  public static Throwable causeOf(Throwable error) {
    Throwable cause = error;
    while (cause instanceof CompletionException && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }
}
