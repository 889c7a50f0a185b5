package io.stateside.webhook.admission;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/** Reads the request out of an {@code admission.k8s.io/v1} AdmissionReview and writes the review that answers it. */
public final class AdmissionReviews {

  static final String API_VERSION = "admission.k8s.io/v1";
  static final String KIND = "AdmissionReview";

  private final ObjectMapper json;

  public AdmissionReviews(ObjectMapper json) {
    this.json = json;
  }

  public AdmissionRequest read(byte[] body) throws MalformedReviewException {
    JsonNode review;
    try {
      review = json.readTree(body);
    } catch (JsonProcessingException e) {
      throw new MalformedReviewException("the body is not JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new MalformedReviewException("the body could not be read: " + e.getMessage());
    }
    if (review == null || !review.isObject()) {
      throw new MalformedReviewException("the body is not a JSON object");
    }
    expect(review, "apiVersion", API_VERSION);
    expect(review, "kind", KIND);
    JsonNode request = review.path("request");
    if (!request.isObject()) {
      throw new MalformedReviewException("the AdmissionReview has no request");
    }
    String uid = request.path("uid").asText("");
    if (uid.isEmpty()) {
      throw new MalformedReviewException("the AdmissionReview's request has no uid");
    }
    JsonNode object = request.path("object");
    return new AdmissionRequest(uid, request.path("kind").path("kind").asText(""),
        request.path("operation").asText(""), where(request, object), object);
  }

  /** The AdmissionReview answering the request {@code uid}. */
  public byte[] answer(String uid, AdmissionResponse response) {
    ObjectNode review = json.createObjectNode().put("apiVersion", API_VERSION).put("kind", KIND);
    response.writeTo(review.putObject("response").put("uid", uid));
    try {
      return json.writeValueAsBytes(review);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree could not be written", e); // cannot happen for a tree
    }
  }

  private static void expect(JsonNode review, String field, String expected) throws MalformedReviewException {
    String actual = review.path(field).asText("");
    if (!actual.equals(expected)) {
      throw new MalformedReviewException(field + " is \"" + actual + "\", expected \"" + expected + "\"");
    }
  }

  private static String where(JsonNode request, JsonNode object) {
    JsonNode metadata = object.path("metadata");
    String name = request.path("name").asText("");
    if (name.isEmpty()) {
      name = metadata.path("name").asText("");
    }
    if (name.isEmpty()) {
      name = metadata.path("generateName").asText("") + "*";
    }
    return request.path("namespace").asText("") + "/" + name;
  }
}
