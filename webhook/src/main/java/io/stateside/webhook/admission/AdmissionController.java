package io.stateside.webhook.admission;

/** Decides about one admission request; must not throw for any well-formed request. */
@FunctionalInterface
public interface AdmissionController {
  AdmissionResponse review(AdmissionRequest request);
}
