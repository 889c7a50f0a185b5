package io.stateside.proxy.frontend;

import akka.actor.ActorSystem;
import akka.grpc.Trailers;
import akka.japi.Function;
import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.StatusRuntimeException;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns a failed call into the status the client sees, and logs it once. */
final class StatusMapper implements Function<ActorSystem, Function<Throwable, Trailers>> {

  private static final Logger log = LoggerFactory.getLogger(StatusMapper.class);

  @Override
  public Function<Throwable, Trailers> apply(ActorSystem system) {
    return StatusMapper::trailers;
  }

  static Trailers trailers(Throwable error) {
    Status status = statusOf(error);
    switch (status.getCode()) {
      case INVALID_ARGUMENT, UNIMPLEMENTED, NOT_FOUND, UNKNOWN ->
          log.info("Call answered with {}: {}", status.getCode(), status.getDescription());
      case INTERNAL -> log.error("Call failed inside the proxy", error);
      default -> log.warn("Call answered with {}: {}", status.getCode(), status.getDescription());
    }
    return new Trailers(status);
  }

  private static Status statusOf(Throwable error) {
    Throwable t = error;
    while (t instanceof CompletionException && t.getCause() != null) {
      t = t.getCause();
    }
    if (t instanceof StatusRuntimeException s) {
      return s.getStatus();
    }
    if (t instanceof StatusException s) {
      return s.getStatus();
    }
    return Status.INTERNAL.withDescription("internal proxy error").withCause(t);
  }
}
