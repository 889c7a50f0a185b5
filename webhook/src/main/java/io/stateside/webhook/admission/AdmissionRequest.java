package io.stateside.webhook.admission;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What the webhook reads of an {@code admission.k8s.io/v1} AdmissionRequest. {@code object} is the
 * resource as the API server sent it; nothing here modifies it.
 *
 * @param uid       the request's uid, which the answer must carry back
 * @param kind      the resource's kind ({@code Pod})
 * @param operation {@code CREATE}, {@code UPDATE}, ...
 * @param where     namespace/name for the log ({@code generateName*} while a pod has no name yet)
 * @param object    the resource
 */
public record AdmissionRequest(String uid, String kind, String operation, String where, JsonNode object) {}
