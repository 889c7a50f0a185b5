package io.stateside.proxy.frontend.http;

import akka.http.javadsl.model.ContentTypes;
import akka.http.javadsl.model.HttpEntities;
import akka.http.javadsl.model.HttpResponse;
import akka.http.javadsl.model.StatusCode;
import akka.http.javadsl.model.StatusCodes;
import akka.http.scaladsl.model.EntityStreamSizeException;
import com.google.gson.JsonObject;
import io.grpc.Status;
import io.stateside.proxy.frontend.StatusMapper;

/**
 * A failed HTTP call's answer: the gRPC status the call failed with, as the HTTP status Google's
 * APIs use for it, and a JSON body {@code {"code": <gRPC code>, "status": "<NAME>", "message": ...}}.
 * The failure is logged (and hidden where it is the proxy's own) as for a gRPC call.
 */
final class HttpErrors {

  /** What Google's APIs answer for CANCELLED; HTTP itself has no status for it. */
  private static final StatusCode CLIENT_CLOSED_REQUEST =
      StatusCodes.custom(499, "Client Closed Request", "The client cancelled the call.", false, true);

  private HttpErrors() {}

  static HttpResponse response(Throwable error) {
    Throwable cause = error;
    while (cause.getCause() != null && !(cause instanceof EntityStreamSizeException)) {
      cause = cause.getCause();
    }
    if (cause instanceof EntityStreamSizeException tooLarge) {
      return bodyTooLarge(tooLarge.limit());
    }
    Status status = StatusMapper.answered(error);
    return response(httpStatus(status.getCode()), status);
  }

  /** A 413 for a body over the limit, with the RESOURCE_EXHAUSTED a gRPC call would get. */
  static HttpResponse bodyTooLarge(long limit) {
    Status status = StatusMapper.answered(Status.RESOURCE_EXHAUSTED
        .withDescription("the request body is larger than " + limit + " bytes").asRuntimeException());
    return response(StatusCodes.PAYLOAD_TOO_LARGE, status);
  }

  static HttpResponse response(StatusCode httpStatus, Status status) {
    return HttpResponse.create().withStatus(httpStatus)
        .withEntity(HttpEntities.create(ContentTypes.APPLICATION_JSON, json(status)));
  }

  /** The status as one line of JSON. */
  static String json(Status status) {
    JsonObject body = new JsonObject();
    body.addProperty("code", status.getCode().value());
    body.addProperty("status", status.getCode().name());
    body.addProperty("message", status.getDescription() == null ? "" : status.getDescription());
    return body.toString();
  }

  static StatusCode httpStatus(Status.Code code) {
    return switch (code) {
      case OK -> StatusCodes.OK;
      case CANCELLED -> CLIENT_CLOSED_REQUEST;
      case INVALID_ARGUMENT, FAILED_PRECONDITION, OUT_OF_RANGE -> StatusCodes.BAD_REQUEST;
      case DEADLINE_EXCEEDED -> StatusCodes.GATEWAY_TIMEOUT;
      case NOT_FOUND -> StatusCodes.NOT_FOUND;
      case ALREADY_EXISTS, ABORTED -> StatusCodes.CONFLICT;
      case PERMISSION_DENIED -> StatusCodes.FORBIDDEN;
      case UNAUTHENTICATED -> StatusCodes.UNAUTHORIZED;
      case RESOURCE_EXHAUSTED -> StatusCodes.TOO_MANY_REQUESTS;
      case UNIMPLEMENTED -> StatusCodes.NOT_IMPLEMENTED;
      case UNAVAILABLE -> StatusCodes.SERVICE_UNAVAILABLE;
      case UNKNOWN, INTERNAL, DATA_LOSS -> StatusCodes.INTERNAL_SERVER_ERROR;
    };
  }
}
