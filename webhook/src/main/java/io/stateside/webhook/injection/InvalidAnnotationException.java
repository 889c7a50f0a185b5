package io.stateside.webhook.injection;

/** A stateside.io/ annotation the webhook cannot act on; the message says which and why. */
final class InvalidAnnotationException extends Exception {
  InvalidAnnotationException(String message) {
    super(message);
  }
}
