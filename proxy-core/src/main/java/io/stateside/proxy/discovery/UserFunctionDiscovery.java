package io.stateside.proxy.discovery;

import akka.actor.ActorSystem;
import akka.pattern.Patterns;
import io.stateside.protocol.EntityDiscoveryClient;
import io.stateside.protocol.EntitySpec;
import io.stateside.protocol.ProxyInfo;
import io.stateside.protocol.ServiceInfo;
import io.stateside.protocol.UserFunctionError;
import io.stateside.proxy.config.ProxySettings.DiscoverySettings;
import io.stateside.proxy.entity.UserEntity;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the user function what it serves, waiting for it to come up, and accepts the answer
 * only when all of it is usable. Refusals are reported back to the user function.
 */
public final class UserFunctionDiscovery {

  private static final Logger log = LoggerFactory.getLogger(UserFunctionDiscovery.class);

  private final EntityDiscoveryClient client;
  private final DiscoverySettings settings;
  private final SpecValidator validator;
  private final ProxyInfo proxyInfo;
  private final ActorSystem system;

  public UserFunctionDiscovery(
      EntityDiscoveryClient client,
      DiscoverySettings settings,
      SpecValidator validator,
      ProxyInfo proxyInfo,
      ActorSystem system) {
    this.client = client;
    this.settings = settings;
    this.validator = validator;
    this.proxyInfo = proxyInfo;
    this.system = system;
  }

  /** The user function refused, or its spec was; the message says why. */
  public static final class DiscoveryFailed extends RuntimeException {
    public DiscoveryFailed(String message, Throwable cause) {
      super(message, cause);
    }
  }

  public CompletionStage<List<UserEntity>> run() {
    long giveUpAt = System.nanoTime() + settings.giveUpAfter().toNanos();
    return discover(1, settings.minBackoff(), giveUpAt).thenCompose(this::accept);
  }

  private CompletionStage<EntitySpec> discover(int attempt, Duration backoff, long giveUpAt) {
    return client.discover(proxyInfo).handle((spec, error) -> {
      if (error == null) {
        return CompletableFuture.completedStage(spec);
      }
      if (System.nanoTime() > giveUpAt) {
        return CompletableFuture.<EntitySpec>failedStage(new DiscoveryFailed(
            "user function did not answer discovery within " + settings.giveUpAfter() + ": " + error.getMessage(),
            error));
      }
      log.info("Discovery attempt {} failed ({}); user function not ready yet? Retrying in {} ms",
          attempt, rootMessage(error), backoff.toMillis());
      Duration doubled = backoff.multipliedBy(2);
      Duration next = doubled.compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff() : doubled;
      return Patterns.after(backoff, system.scheduler(), system.dispatcher(),
          () -> discover(attempt + 1, next, giveUpAt));
    }).thenCompose(stage -> stage);
  }

  private CompletionStage<List<UserEntity>> accept(EntitySpec spec) {
    ServiceInfo info = spec.getServiceInfo();
    log.info("Discovered user function '{}' {} ({} {}, {}, protocol {}.{}) with {} entity service(s)",
        info.getServiceName(), info.getServiceVersion(), info.getSupportLibraryName(),
        info.getSupportLibraryVersion(), info.getServiceRuntime(),
        info.getProtocolMajorVersion(), info.getProtocolMinorVersion(), spec.getEntitiesCount());
    SpecValidator.Outcome outcome = validator.validate(spec);
    if (outcome instanceof SpecValidator.Refused refused) {
      return refuse(refused.problems());
    }
    List<UserEntity> entities = ((SpecValidator.Accepted) outcome).entities();
    entities.forEach(e -> log.info("Serving {} with {} (persistence id '{}', passivation after {})",
        e.serviceName(), e.kind().displayName(), e.persistenceId(), e.passivationTimeout()));
    return CompletableFuture.completedStage(entities);
  }

  private CompletionStage<List<UserEntity>> refuse(List<String> problems) {
    String message = "The user function's spec cannot be served:\n  - " + String.join("\n  - ", problems);
    log.error(message);
    return client.reportError(UserFunctionError.newBuilder().setMessage(message).build())
        .handle((ok, error) -> {
          if (error != null) {
            log.warn("Could not report the problems to the user function: {}", rootMessage(error));
          }
          throw new DiscoveryFailed(message, null);
        });
  }

  private static String rootMessage(Throwable error) {
    Throwable t = error;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage();
  }
}
