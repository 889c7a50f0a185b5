package io.stateside.webhook.injection;

/**
 * What every injected sidecar gets unless the pod's annotations say otherwise: the webhook's
 * settings (docs/deploy.md lists them with their defaults).
 *
 * @param image         the proxy image
 * @param cpuRequest    the sidecar's CPU request (no CPU limit: throttling a JVM's garbage collector hurts latency)
 * @param memoryRequest the sidecar's memory request
 * @param memoryLimit   the sidecar's memory limit; the heap is 60% of it (STATESIDE_MAX_RAM_PERCENTAGE)
 * @param configMap     the ConfigMap the sidecar reads its settings from when the pod names none (optional: may not exist)
 * @param secret        the Secret with the store's credentials when the pod names none (optional too)
 */
public record SidecarDefaults(String image, String cpuRequest, String memoryRequest, String memoryLimit,
    String configMap, String secret) {}
