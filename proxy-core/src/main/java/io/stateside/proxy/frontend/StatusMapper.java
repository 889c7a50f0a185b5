package io.stateside.proxy.frontend;

import akka.actor.ActorSystem;
import akka.grpc.Trailers;
import akka.http.scaladsl.model.http2.PeerClosedStreamException;
import akka.japi.Function;
import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.StatusRuntimeException;
import io.stateside.protocol.concurrent.PlainFutures;
import io.stateside.proxy.telemetry.ThrottledLog;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a failed call into the status the client sees, and logs it: one line per status per
 * interval, so that a client that sends thousands of bad calls leaves a readable log. The
 * details of the proxy's own troubles (journal errors quote SQL) go to the log, not to clients.
 */
public final class StatusMapper implements Function<ActorSystem, Function<Throwable, Trailers>> {

  private static final Logger log = LoggerFactory.getLogger(StatusMapper.class);
  private static final ThrottledLog throttled = new ThrottledLog(log, Duration.ofSeconds(10));
  private static final Status UNAVAILABLE = Status.UNAVAILABLE.withDescription(
      "unavailable for a moment; try again (the proxy's log says why)");

  @Override
  public Function<Throwable, Trailers> apply(ActorSystem system) {
    return StatusMapper::trailers;
  }

  /** The status a failed call is answered with, logged as for a gRPC call: for the other frontends. */
  public static Status answered(Throwable error) {
    return trailers(error).getStatus();
  }

  static Trailers trailers(Throwable error) {
    Status status = statusOf(error);
    String kind = status.getCode().name();
    switch (status.getCode()) {
      // The client went away; nobody reads the answer.
      case CANCELLED -> log.debug("Call cancelled by the client: {}", status.getDescription());
      case INVALID_ARGUMENT, UNIMPLEMENTED, NOT_FOUND, UNKNOWN, RESOURCE_EXHAUSTED ->
          throttled.info(kind, "Call answered with {}: {}", kind, status.getDescription());
      case INTERNAL -> throttled.error(kind, "Call failed inside the proxy", status.getCause());
      case UNAVAILABLE -> {
        throttled.warn(kind, "Call answered with {}: {}", kind, status.getDescription());
        return new Trailers(UNAVAILABLE);
      }
      default -> throttled.warn(kind, "Call answered with {}: {}", kind, status.getDescription());
    }
    return new Trailers(status);
  }

  private static Status statusOf(Throwable error) {
    Throwable t = PlainFutures.causeOf(error);
    if (t instanceof StatusRuntimeException s) {
      return s.getStatus();
    }
    if (t instanceof StatusException s) {
      return s.getStatus();
    }
    if (t instanceof TimeoutException) {
      return Status.DEADLINE_EXCEEDED.withDescription("the request body was not complete by the deadline");
    }
    if (t instanceof PeerClosedStreamException) {
      return Status.CANCELLED.withDescription(t.getMessage());
    }
    return Status.INTERNAL.withDescription("internal proxy error").withCause(t);
  }
}
