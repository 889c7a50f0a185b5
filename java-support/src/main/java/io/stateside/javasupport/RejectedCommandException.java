package io.stateside.javasupport;

/**
 * A command the library refuses before any user code runs (unknown method, wrong payload type).
 * Unlike an exception from user code, its message is safe to show to the client.
 */
final class RejectedCommandException extends RuntimeException {

  RejectedCommandException(String message) {
    super(message, null, false, false);
  }
}
