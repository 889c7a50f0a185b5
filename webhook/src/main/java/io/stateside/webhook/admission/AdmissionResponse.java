package io.stateside.webhook.admission;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** The webhook's answer to one AdmissionRequest; each kind writes its own fields of the response. */
public sealed interface AdmissionResponse {

  /** For the log line. */
  String summary();

  void writeTo(ObjectNode response);

  /** Let the resource through unchanged. */
  record Allow(String summary) implements AdmissionResponse {
    @Override
    public void writeTo(ObjectNode response) {
      response.put("allowed", true);
    }
  }

  /** Let the resource through with this RFC 6902 JSON Patch applied. */
  record Patch(String jsonPatch, String summary) implements AdmissionResponse {
    @Override
    public void writeTo(ObjectNode response) {
      response.put("allowed", true)
          .put("patchType", "JSONPatch")
          .put("patch", Base64.getEncoder().encodeToString(jsonPatch.getBytes(StandardCharsets.UTF_8)));
    }
  }

  /** Refuse the resource; the API server shows {@code message} to whoever created it. */
  record Deny(String message) implements AdmissionResponse {
    @Override
    public String summary() {
      return "denied: " + message;
    }

    @Override
    public void writeTo(ObjectNode response) {
      response.put("allowed", false).putObject("status").put("code", 400).put("message", message);
    }
  }
}
