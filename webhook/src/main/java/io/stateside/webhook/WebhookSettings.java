package io.stateside.webhook;

import io.stateside.webhook.injection.SidecarDefaults;
import java.nio.file.Path;
import java.util.Map;

/**
 * The webhook's settings, from its environment (docs/deploy.md lists them).
 *
 * @param bindHost        the interface to listen on
 * @param port            the HTTPS port (0: any free one)
 * @param certificateFile PEM certificate chain, e.g. a TLS Secret's tls.crt
 * @param privateKeyFile  PEM PKCS#8 private key, e.g. a TLS Secret's tls.key
 * @param sidecar         what the injected sidecars get
 */
public record WebhookSettings(String bindHost, int port, Path certificateFile, Path privateKeyFile, SidecarDefaults sidecar) {

  private static final String TLS_DIR = "/etc/stateside-webhook/tls/";

  public static WebhookSettings fromEnvironment(Map<String, String> env) {
    String version = WebhookSettings.class.getPackage().getImplementationVersion();
    SidecarDefaults sidecar = new SidecarDefaults(
        env.getOrDefault("SIDECAR_IMAGE", "stateside/proxy:" + (version == null ? "latest" : version)),
        env.getOrDefault("SIDECAR_CPU_REQUEST", "250m"),
        env.getOrDefault("SIDECAR_MEMORY_REQUEST", "512Mi"),
        env.getOrDefault("SIDECAR_MEMORY_LIMIT", "768Mi"),
        env.getOrDefault("SIDECAR_CONFIG_MAP", "stateside-config"),
        env.getOrDefault("SIDECAR_SECRET", "stateside-store"));
    String port = env.getOrDefault("WEBHOOK_PORT", "8443");
    if (!port.matches("[0-9]{1,5}") || Integer.parseInt(port) > 65535) {
      throw new IllegalArgumentException("WEBHOOK_PORT must be a port number, not \"" + port + "\"");
    }
    return new WebhookSettings(env.getOrDefault("WEBHOOK_BIND_HOST", "0.0.0.0"), Integer.parseInt(port),
        Path.of(env.getOrDefault("TLS_CERT_FILE", TLS_DIR + "tls.crt")),
        Path.of(env.getOrDefault("TLS_KEY_FILE", TLS_DIR + "tls.key")), sidecar);
  }
}
