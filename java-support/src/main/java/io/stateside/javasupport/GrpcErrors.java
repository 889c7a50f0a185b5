package io.stateside.javasupport;

import akka.actor.ActorSystem;
import akka.grpc.Trailers;
import akka.grpc.javadsl.GrpcExceptionHandler;
import akka.http.scaladsl.model.http2.PeerClosedStreamException;
import akka.japi.Function;
import io.grpc.Status;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps errors of gRPC calls to statuses like akka-grpc's default, except that a proxy cancelling
 * its streams (it restarted, or its node left) is routine and logged at debug, not as an error.
 */
final class GrpcErrors {

  private static final Logger log = LoggerFactory.getLogger(GrpcErrors.class);

  private GrpcErrors() {}

  static Function<ActorSystem, Function<Throwable, Trailers>> mapper() {
    Function<ActorSystem, Function<Throwable, Trailers>> standard = GrpcExceptionHandler.defaultMapper();
    return system -> {
      Function<Throwable, Trailers> standardForSystem = standard.apply(system);
      return error -> {
        if (error instanceof PeerClosedStreamException) {
          log.debug("The proxy cancelled a stream: {}", error.getMessage());
          return new Trailers(Status.CANCELLED);
        }
        return standardForSystem.apply(error);
      };
    };
  }
}
