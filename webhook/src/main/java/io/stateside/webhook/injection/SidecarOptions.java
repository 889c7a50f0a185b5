package io.stateside.webhook.injection;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What a pod's {@code stateside.io/} annotations ask of its sidecar, checked: an annotation the
 * webhook does not know or a value it cannot use is refused rather than ignored, so that a typo
 * does not silently give a pod a sidecar other than the one asked for.
 *
 * @param userFunctionPort where the user function listens in the pod
 * @param store            STATESIDE_STORE, or null to leave it to the ConfigMap (or the image's default)
 * @param configMap        the ConfigMap of settings the sidecar reads
 * @param secret           the Secret of store credentials the sidecar reads
 */
record SidecarOptions(int userFunctionPort, String store, EnvSource configMap, EnvSource secret) {

  static final String PREFIX = "stateside.io/";
  static final String ENABLED = PREFIX + "enabled";
  static final String USER_FUNCTION_PORT = PREFIX + "user-function-port";
  static final String STORE = PREFIX + "store";
  static final String CONFIG_MAP = PREFIX + "config-map";
  static final String SECRET = PREFIX + "secret";
  private static final List<String> KNOWN = List.of(ENABLED, USER_FUNCTION_PORT, STORE, CONFIG_MAP, SECRET);
  /** The stores bin/stateside runs (STATESIDE_STORE). */
  private static final List<String> STORES = List.of("embedded", "memory", "h2", "postgres", "cassandra");
  private static final int DEFAULT_USER_FUNCTION_PORT = 8080;
  /** A Kubernetes object name (DNS subdomain, RFC 1123). */
  private static final Pattern OBJECT_NAME =
      Pattern.compile("(?=.{1,253}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

  /** A ConfigMap or Secret the sidecar takes environment variables from; optional ones may be missing. */
  record EnvSource(String name, boolean optional) {}

  static SidecarOptions fromAnnotations(JsonNode annotations, SidecarDefaults defaults) throws InvalidAnnotationException {
    for (Map.Entry<String, JsonNode> annotation : annotations.properties()) {
      String key = annotation.getKey();
      if (key.startsWith(PREFIX) && !KNOWN.contains(key)) {
        throw new InvalidAnnotationException("unknown annotation " + key + " (the webhook knows " + KNOWN + ")");
      }
    }
    return new SidecarOptions(userFunctionPort(annotations.path(USER_FUNCTION_PORT).asText(null)),
        store(annotations.path(STORE).asText(null)),
        envSource(annotations.path(CONFIG_MAP).asText(null), CONFIG_MAP, defaults.configMap()),
        envSource(annotations.path(SECRET).asText(null), SECRET, defaults.secret()));
  }

  private static int userFunctionPort(String value) throws InvalidAnnotationException {
    if (value == null) {
      return DEFAULT_USER_FUNCTION_PORT;
    }
    int port = value.matches("[0-9]{1,5}") ? Integer.parseInt(value) : 0;
    if (port < 1 || port > 65535) {
      throw new InvalidAnnotationException(USER_FUNCTION_PORT + " must be a port number from 1 to 65535, not \"" + value + "\"");
    }
    for (SidecarPort own : SidecarPort.ALL) {
      if (own.number() == port) {
        throw new InvalidAnnotationException(USER_FUNCTION_PORT + " is " + port + ", the port the sidecar itself uses for "
            + own.name() + "; let the user function listen on another one (8080 is the default)");
      }
    }
    return port;
  }

  private static String store(String value) throws InvalidAnnotationException {
    if (value != null && !STORES.contains(value)) {
      throw new InvalidAnnotationException(STORE + " must be one of " + STORES + ", not \"" + value + "\"");
    }
    return value;
  }

  private static EnvSource envSource(String value, String annotation, String defaultName) throws InvalidAnnotationException {
    if (value == null) {
      return new EnvSource(defaultName, true);
    }
    if (!OBJECT_NAME.matcher(value).matches()) {
      throw new InvalidAnnotationException(annotation + " must name a Kubernetes object (lower-case letters, digits, '-' and '.'), not \""
          + value + "\"");
    }
    return new EnvSource(value, false);
  }
}
