package io.stateside.webhook.admission;

/** The body is not an {@code admission.k8s.io/v1} AdmissionReview with a request to answer. */
public final class MalformedReviewException extends Exception {
  public MalformedReviewException(String message) {
    super(message);
  }
}
