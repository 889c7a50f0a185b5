package io.stateside.proxy;

import akka.Done;
import akka.actor.ActorSystem;
import akka.actor.Address;
import akka.actor.CoordinatedShutdown;
import akka.cluster.Cluster;
import akka.grpc.GrpcClientSettings;
import akka.http.javadsl.Http;
import akka.http.javadsl.ServerBinding;
import akka.http.javadsl.settings.ServerSettings;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.stateside.protocol.EntityDiscoveryClient;
import io.stateside.protocol.ProxyInfo;
import io.stateside.proxy.action.ActionKind;
import io.stateside.proxy.cluster.ClusterFormation;
import io.stateside.proxy.config.ProxySettings;
import io.stateside.proxy.crdt.CrdtDurability;
import io.stateside.proxy.crdt.CrdtKind;
import io.stateside.proxy.discovery.ProtocolVersion;
import io.stateside.proxy.discovery.SpecValidator;
import io.stateside.proxy.discovery.UserFunctionDiscovery;
import io.stateside.proxy.eventing.Eventing;
import io.stateside.proxy.eventing.EventingSettings;
import io.stateside.proxy.eventing.EventingSpec;
import io.stateside.proxy.eventing.TopicSupport;
import io.stateside.proxy.eventing.Topics;
import io.stateside.proxy.eventsourced.EventSourcedKind;
import io.stateside.proxy.entity.EntityContext;
import io.stateside.proxy.entity.EntityGateway;
import io.stateside.proxy.entity.EntityKind;
import io.stateside.proxy.entity.EntityKinds;
import io.stateside.proxy.entity.SideEffectRunner;
import io.stateside.proxy.entity.UserEntity;
import io.stateside.proxy.frontend.ProtocolDispatch;
import io.stateside.proxy.health.ProxyHealth;
import io.stateside.proxy.routing.CommandRouter;
import io.stateside.proxy.routing.ReplyPublisher;
import io.stateside.proxy.telemetry.CallMetrics;
import io.stateside.proxy.telemetry.ClusterMetrics;
import io.stateside.proxy.telemetry.MetricsServer;
import io.stateside.proxy.telemetry.ProxyMetrics;
import io.stateside.proxy.valueentity.ValueEntityKind;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * One Stateside proxy node: joins the cluster, discovers the user function, starts its
 * entities and serves its gRPC services.
 */
public final class StatesideProxy {

  private static final Logger log = LoggerFactory.getLogger(StatesideProxy.class);

  public static final String NAME = "stateside";
  public static final String VERSION =
      Optional.ofNullable(StatesideProxy.class.getPackage().getImplementationVersion()).orElse("dev");

  private final ActorSystem system;
  private final ServerBinding binding;
  private final ServerBinding metricsBinding;

  private StatesideProxy(ActorSystem system, ServerBinding binding, ServerBinding metricsBinding) {
    this.system = system;
    this.binding = binding;
    this.metricsBinding = metricsBinding;
  }

  /** Runs a proxy with the configuration from the classpath and environment until the JVM stops. */
  public static void main(String[] args) {
    StatesideProxy proxy;
    try {
      proxy = start(ConfigFactory.load()).toCompletableFuture().join();
    } catch (RuntimeException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      log.error("Stateside could not start: {}", cause.getMessage());
      System.exit(1);
      return;
    }
    proxy.stopOnSigterm();
    proxy.system().getWhenTerminated().toCompletableFuture().join();
    System.exit(0);
  }

  /**
   * Starts a proxy node from a fully resolved configuration. Completes once the user's services
   * are served; fails (and releases everything) when discovery or binding fails. The management
   * endpoint (health) and the metrics come first; the frontend binds only once the user function
   * is discovered, the store took a write and this node is an Up cluster member.
   */
  public static CompletionStage<StatesideProxy> start(Config config) {
    return start(config, standardKinds());
  }

  /** Like {@link #start(Config)}, serving the given entity kinds. */
  public static CompletionStage<StatesideProxy> start(Config unprepared, List<EntityKind> servedKinds) {
    requireProxyAkkaSettings(unprepared);
    Config config = CrdtDurability.prepare(ClusterFormation.prepare(unprepared));
    ProxySettings settings = ProxySettings.from(config);
    ActorSystem system = ActorSystem.create(NAME, config);
    try {
      ProxyHealth health = ProxyHealth.get(system);
      ProxyMetrics metrics = ProxyMetrics.get(system);
      ServerBinding metricsBinding = MetricsServer.bind(system, metrics,
          config.getString("stateside.proxy.metrics.interface"), config.getInt("stateside.proxy.metrics.port"))
          .toCompletableFuture().join();
      ClusterMetrics.start(system, metrics, config.getDuration("stateside.proxy.metrics.sharding-poll-interval"));
      ClusterFormation formation = ClusterFormation.start(system);
      int maxMessageSize = settings.limits().maxMessageSize();
      GrpcClientSettings userFunction = GrpcClientSettings
          .connectToServiceAt(settings.userFunctionHost(), settings.userFunctionPort(), system)
          .withTls(false)
          .withChannelBuilderOverrides(channel -> channel.maxInboundMessageSize(maxMessageSize));
      EntityKinds kinds = new EntityKinds(servedKinds);
      Optional<TopicSupport> topics = Topics.configured(system);
      topics.ifPresent(support -> CoordinatedShutdown.get(system).addTask(CoordinatedShutdown.PhaseServiceStop(),
          "stateside-topics", support::stop));
      EntityDiscoveryClient discoveryClient = EntityDiscoveryClient.create(
          userFunction.withDeadline(settings.discovery().callTimeout()), system);
      log.info("Stateside {} discovering the user function at {}:{}", VERSION,
          settings.userFunctionHost(), settings.userFunctionPort());
      return StoreWriteCheck.run(system, nodeName(system), settings.store().checkTimeout())
          .thenCompose(stored -> new UserFunctionDiscovery(
                  discoveryClient,
                  settings.discovery(),
                  new SpecValidator(kinds, settings.passivationTimeout(), topics.isPresent()),
                  proxyInfo(kinds),
                  system)
              .run())
          .whenComplete((entities, error) -> discoveryClient.close())
          .thenCompose(entities -> formation.memberUp().thenApply(up -> entities))
          .thenCompose(entities -> {
            // Entities may run side effects of their own once the router, built from them all, exists.
            AtomicReference<CommandRouter> routing = new AtomicReference<>();
            SideEffectRunner sideEffects = effects -> routing.get().runDetached(effects, settings.requestTimeout());
            EventingSpec eventing = EventingSpec.of(entities, topics.isPresent());
            CommandRouter router = startEntities(entities, new EntityContext(system, settings, userFunction, metrics, sideEffects),
                Eventing.publishers(eventing, entities, topics));
            routing.set(router);
            Eventing.start(system, eventing, router, EventingSettings.from(config), settings.readJournalPlugin(), topics);
            ProtocolDispatch frontend = ProtocolDispatch.of(router, services(entities), settings, system);
            return Http.get(system)
                .newServerAt(settings.httpInterface(), settings.httpPort())
                .withSettings(frontend.serverSettings(ServerSettings.create(system)))
                .bind(new CallMetrics(frontend,
                    (service, method) -> router.find(service, method).isPresent(), metrics));
          })
          .thenApply(binding -> {
            binding.addToCoordinatedShutdown(Duration.ofSeconds(10), system);
            health.serving();
            log.info("Stateside is serving the user function's services on {} (metrics on {})",
                binding.localAddress(), metricsBinding.localAddress());
            return new StatesideProxy(system, binding, metricsBinding);
          })
          .whenComplete((proxy, error) -> {
            if (error != null) {
              system.terminate();
            }
          });
    } catch (RuntimeException e) {
      system.terminate();
      throw e;
    }
  }

  /**
   * The proxy's reference.conf sets Akka values of its own (cluster provider, HTTP/2). Typesafe
   * config lets the first reference.conf on the class path win, so a class path that lists
   * Akka's jars before the proxy's silently loses them; say so instead of half-working.
   */
  private static void requireProxyAkkaSettings(Config config) {
    boolean cluster = config.getString("akka.actor.provider").equals("cluster");
    boolean http2 = config.getString("akka.http.server.preview.enable-http2").equals("on");
    if (!cluster || !http2) {
      throw new IllegalStateException("Akka's defaults override the proxy's (akka.actor.provider = "
          + config.getString("akka.actor.provider") + ", akka.http.server.preview.enable-http2 = "
          + config.getString("akka.http.server.preview.enable-http2") + "): put stateside-proxy-core before "
          + "the Akka jars on the class path, or set both in application.conf");
    }
  }

  /** Unique among the live nodes of a cluster. */
  private static String nodeName(ActorSystem system) {
    Address self = Cluster.get(system).selfAddress();
    return self.host().getOrElse(() -> "local") + ":" + self.port().getOrElse(() -> 0);
  }

  /** Every kind a Stateside proxy serves; the one place a new kind is added. */
  public static List<EntityKind> standardKinds() {
    return List.of(new EventSourcedKind(), new ValueEntityKind(), new CrdtKind(), new ActionKind());
  }

  private static List<ServiceDescriptor> services(List<UserEntity> entities) {
    return entities.stream().map(UserEntity::service).toList();
  }

  private static CommandRouter startEntities(
      List<UserEntity> entities, EntityContext context, Map<String, ReplyPublisher> publishers) {
    Map<UserEntity, EntityGateway> services = new LinkedHashMap<>();
    for (UserEntity entity : entities) {
      services.put(entity, entity.kind().start(entity, context));
    }
    return CommandRouter.of(services, maxEntityKeyLength(entities, context.settings()), publishers);
  }

  /** The configured maximum, or less where the store could not hold it after an entity's persistence id. */
  private static int maxEntityKeyLength(List<UserEntity> entities, ProxySettings settings) {
    int configured = settings.limits().maxEntityKeyLength();
    int limit = entities.stream()
        .filter(entity -> entity.kind().rules().persistent())
        .mapToInt(entity -> settings.store().maxEntityKeyLength(configured, entity.persistenceId()))
        .min()
        .orElse(configured);
    if (limit < 1) {
      throw new IllegalStateException("The store holds persistence ids of up to "
          + settings.store().maxPersistenceIdLength() + " characters: no room for an entity key after the "
          + "user function's persistence ids " + entities.stream().map(UserEntity::persistenceId).toList());
    }
    if (limit < configured) {
      log.info("Entity keys are limited to {} characters, what the store holds after the persistence id", limit);
    }
    return limit;
  }

  private static ProxyInfo proxyInfo(EntityKinds kinds) {
    return ProxyInfo.newBuilder()
        .setProtocolMajorVersion(ProtocolVersion.MAJOR)
        .setProtocolMinorVersion(ProtocolVersion.MINOR)
        .setProxyName(NAME)
        .setProxyVersion(VERSION)
        .addAllSupportedEntityTypes(kinds.names())
        .build();
  }

  public ActorSystem system() {
    return system;
  }

  /** The port the frontend is bound to (useful when configured as 0). */
  public int httpPort() {
    return binding.localAddress().getPort();
  }

  /** The port /metrics is served on. */
  public int metricsPort() {
    return metricsBinding.localAddress().getPort();
  }

  /**
   * Makes SIGTERM stop the node gracefully, as {@link #stop()} does: unbind, drain the calls in
   * flight, hand off and stop the entities, then stop the actor system and with it the store.
   * Handling the signal ourselves keeps the JVM's shutdown hooks (H2's, for one) from running
   * before the drain, and lets the process exit 0.
   */
  public void stopOnSigterm() {
    Signal.handle(new Signal("TERM"), signal -> {
      log.info("SIGTERM: draining the calls in flight, then stopping");
      stop();
    });
  }

  /** Leaves the cluster, unbinds and stops the node. */
  public CompletionStage<Done> stop() {
    return CoordinatedShutdown.get(system).runAll(CoordinatedShutdown.unknownReason());
  }
}
