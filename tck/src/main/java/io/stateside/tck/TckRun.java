package io.stateside.tck;

import akka.NotUsed;
import akka.actor.ActorSystem;
import akka.actor.ClassicActorSystemProvider;
import akka.grpc.GrpcClientSettings;
import akka.grpc.javadsl.AkkaGrpcClient;
import akka.stream.Materializer;
import akka.stream.javadsl.Source;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.stateside.protocol.Entity;
import io.stateside.protocol.EntityDiscoveryClient;
import io.stateside.protocol.EntitySpec;
import io.stateside.protocol.ProxyInfo;
import io.stateside.protocol.ServiceInfo;
import io.stateside.protocol.action.ActionCommand;
import io.stateside.protocol.action.ActionProtocol;
import io.stateside.protocol.action.ActionProtocolClient;
import io.stateside.protocol.action.ActionResponse;
import io.stateside.protocol.crdt.Crdt;
import io.stateside.protocol.crdt.CrdtClient;
import io.stateside.protocol.crdt.CrdtStreamIn;
import io.stateside.protocol.crdt.CrdtStreamOut;
import io.stateside.protocol.eventsourced.EventSourced;
import io.stateside.protocol.eventsourced.EventSourcedClient;
import io.stateside.protocol.eventsourced.EventSourcedStreamIn;
import io.stateside.protocol.eventsourced.EventSourcedStreamOut;
import io.stateside.protocol.valueentity.ValueEntity;
import io.stateside.protocol.valueentity.ValueEntityClient;
import io.stateside.protocol.valueentity.ValueEntityStreamIn;
import io.stateside.protocol.valueentity.ValueEntityStreamOut;
import io.stateside.tck.environment.ProxyUnderTest;
import io.stateside.tck.environment.TckSettings;
import io.stateside.tck.environment.UserFunctionUnderTest;
import io.stateside.tck.interceptor.DiscoveryInterceptor;
import io.stateside.tck.interceptor.Interceptor;
import io.stateside.tck.interceptor.ScenarioTraffic;
import io.stateside.tck.library.KnownDeviations;
import io.stateside.tck.protocol.ProtocolStream;
import io.stateside.tck.report.Outcome;
import io.stateside.tck.report.Report;
import io.stateside.tck.report.ScenarioResult;
import io.stateside.tck.scenario.NotApplicable;
import io.stateside.tck.scenario.Scenario;
import io.stateside.tck.scenario.ScenarioGroup;
import io.stateside.tck.scenario.Side;
import io.stateside.tck.scenario.TckContext;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of the TCK: the user function, the interceptor and the proxy, started (or found) in that
 * order; scenarios run one at a time against them, and their results make up the report.
 */
public final class TckRun implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(TckRun.class);

  /** Settings of the TCK's own actor system: clients, the interceptor's gRPC server. */
  private static final String TCK_SYSTEM_CONFIG = """
      akka.actor.provider = local
      akka.http.server.preview.enable-http2 = on
      akka.http.server.idle-timeout = infinite
      akka.http.client.idle-timeout = infinite
      akka.coordinated-shutdown.run-by-jvm-shutdown-hook = off
      """;

  private final TckSettings settings;
  private final List<AutoCloseable> resources = new ArrayList<>();
  private final Map<Class<?>, AkkaGrpcClient> proxyClients = new ConcurrentHashMap<>();
  private final AtomicLong entityCounter = new AtomicLong();
  private final String runTag = Long.toString(System.currentTimeMillis(), 36);
  private final ActorSystem system;
  private final ProxyInfo tckProxyInfo;
  private UserFunctionUnderTest userFunction;
  private EntityDiscoveryClient userFunctionDiscovery;
  private EventSourcedClient userFunctionEventSourced;
  private ValueEntityClient userFunctionValueEntity;
  private CrdtClient userFunctionCrdt;
  private ActionProtocolClient userFunctionActions;
  private EntitySpec declaredSpec;
  private Interceptor interceptor;
  private Optional<ProxyUnderTest> proxy = Optional.empty();
  private Report report;

  private TckRun(TckSettings settings) {
    this.settings = settings;
    this.system = ActorSystem.create("stateside-tck",
        ConfigFactory.parseString(TCK_SYSTEM_CONFIG).withFallback(ConfigFactory.load()));
    this.tckProxyInfo = ProxyInfo.newBuilder()
        .setProtocolMajorVersion(0)
        .setProtocolMinorVersion(2)
        .setProxyName("stateside-tck")
        .setProxyVersion(Tck.VERSION)
        .addSupportedEntityTypes(ActionProtocol.name)
        .addSupportedEntityTypes(Crdt.name)
        .addSupportedEntityTypes(EventSourced.name)
        .addSupportedEntityTypes(ValueEntity.name)
        .build();
  }

  /**
   * Starts everything the settings describe and waits until the proxy has discovered the user
   * function. On failure, whatever was started is stopped again.
   *
   * @param config the whole configuration; an in-process Stateside proxy takes its settings from it
   */
  public static TckRun start(TckSettings settings, Config config) throws Exception {
    TckRun run = new TckRun(settings);
    try {
      run.startEverything(config);
      return run;
    } catch (Exception | Error e) {
      run.close();
      throw e;
    }
  }

  private void startEverything(Config config) throws Exception {
    resources.add(() -> system.terminate());
    userFunction = UserFunctionUnderTest.start(settings);
    resources.add(userFunction);
    GrpcClientSettings toUserFunction =
        GrpcClientSettings.connectToServiceAt(userFunction.host(), userFunction.port(), system).withTls(false);
    userFunctionDiscovery = EntityDiscoveryClient.create(toUserFunction, system);
    userFunctionEventSourced = EventSourcedClient.create(toUserFunction, system);
    userFunctionValueEntity = ValueEntityClient.create(toUserFunction, system);
    userFunctionCrdt = CrdtClient.create(toUserFunction, system);
    userFunctionActions = ActionProtocolClient.create(toUserFunction, system);
    resources.add(() -> userFunctionDiscovery.close().toCompletableFuture().get(10, TimeUnit.SECONDS));
    resources.add(() -> userFunctionEventSourced.close().toCompletableFuture().get(10, TimeUnit.SECONDS));
    resources.add(() -> userFunctionValueEntity.close().toCompletableFuture().get(10, TimeUnit.SECONDS));
    resources.add(() -> userFunctionCrdt.close().toCompletableFuture().get(10, TimeUnit.SECONDS));
    resources.add(() -> userFunctionActions.close().toCompletableFuture().get(10, TimeUnit.SECONDS));
    declaredSpec = discoverDirectly();

    interceptor = Interceptor.start(system, settings.interceptorHost(), settings.interceptorPort(), toUserFunction,
            settings.timeout())
        .toCompletableFuture().get(settings.startupTimeout().toMillis(), TimeUnit.MILLISECONDS);
    resources.add(interceptor);
    log.info("Interceptor listening on {}:{}", settings.interceptorHost(), interceptor.port());

    proxy = ProxyUnderTest.start(settings, config, interceptor);
    proxy.ifPresent(resources::add);
    report = new Report(subject());
  }

  /** Asks the user function for its spec; it may listen before it serves, so failures are retried a while. */
  private EntitySpec discoverDirectly() throws Exception {
    long deadline = System.nanoTime() + settings.startupTimeout().toNanos();
    while (true) {
      try {
        return userFunctionDiscovery.discover(tckProxyInfo).toCompletableFuture()
            .get(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
      } catch (ExecutionException | TimeoutException e) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("the user function did not answer discovery: " + e, e);
        }
        log.info("The user function did not answer discovery yet: {}", e.toString());
        Thread.sleep(200);
      }
    }
  }

  private String subject() {
    String proxyText = proxy.map(p -> {
      ProxyInfo info = interceptor.discovery().exchanges().stream()
          .filter(e -> e.spec().isPresent()).findFirst().map(DiscoveryInterceptor.Exchange::proxyInfo)
          .orElse(ProxyInfo.getDefaultInstance());
      return String.format("%s %s (protocol %d.%d), %s", info.getProxyName(), info.getProxyVersion(),
          info.getProtocolMajorVersion(), info.getProtocolMinorVersion(), p.origin());
    }).orElse("none (proxy scenarios not applicable)");
    ServiceInfo service = declaredSpec.getServiceInfo();
    return String.format("proxy:         %s%nuser function: %s %s (protocol %d.%d), %s",
        proxyText, service.getSupportLibraryName(), service.getSupportLibraryVersion(),
        service.getProtocolMajorVersion(), service.getProtocolMinorVersion(), userFunction.origin());
  }

  public TckSettings settings() {
    return settings;
  }

  /** The groups this run was asked to run. */
  public List<ScenarioGroup> groups() {
    return ScenarioGroups.selected(settings.only());
  }

  public Report report() {
    return report;
  }

  /** The user function's service info, which names its support library. */
  public ServiceInfo library() {
    return declaredSpec.getServiceInfo();
  }

  /** Runs one scenario, records its result in the report and returns it. */
  public ScenarioResult run(ScenarioGroup group, Scenario scenario) {
    ScenarioResult result = judge(group, scenario);
    report.add(result);
    log.info("{} {} / {}{}", result.outcome().tag(), group.name(), result.title(),
        result.detail().isEmpty() ? "" : ": " + result.detail());
    return result;
  }

  private ScenarioResult judge(ScenarioGroup group, Scenario scenario) {
    Optional<String> inapplicable = whyNotApplicable(scenario);
    if (inapplicable.isPresent()) {
      return new ScenarioResult(group.name(), scenario.side(), scenario.name(), Outcome.NOT_APPLICABLE, inapplicable.get());
    }
    ScenarioContext context = new ScenarioContext();
    try {
      scenario.body().run(context);
      context.traffic.ifPresent(ScenarioTraffic::verifyNothingUnexpected);
      return new ScenarioResult(group.name(), scenario.side(), scenario.name(), Outcome.PASSED, "");
    } catch (NotApplicable e) {
      return new ScenarioResult(group.name(), scenario.side(), scenario.name(), Outcome.NOT_APPLICABLE, e.getMessage());
    } catch (AssertionError e) {
      return failed(group, scenario, String.valueOf(e.getMessage()));
    } catch (Exception | Error e) {
      return failed(group, scenario, stackTrace(e));
    }
  }

  /** A failure, or the known deviation of the library under test that explains it. */
  private ScenarioResult failed(ScenarioGroup group, Scenario scenario, String failure) {
    ServiceInfo library = declaredSpec.getServiceInfo();
    String title = scenario.side().label() + ": " + scenario.name();
    return KnownDeviations.explaining(library, group.id(), title, failure)
        .map(deviation -> new ScenarioResult(group.name(), scenario.side(), scenario.name(), Outcome.KNOWN_DEVIATION,
            "known deviation of " + deviation.libraryLabel() + ": " + deviation.reason() + "\nwhat the TCK saw: " + failure))
        .orElseGet(() -> new ScenarioResult(group.name(), scenario.side(), scenario.name(), Outcome.FAILED, failure));
  }

  private Optional<String> whyNotApplicable(Scenario scenario) {
    if (scenario.side() == Side.PROXY && proxy.isEmpty()) {
      return Optional.of("no proxy under test");
    }
    Set<String> declared = Set.copyOf(declaredSpec.getEntitiesList().stream().map(Entity::getServiceName).toList());
    List<String> missing = scenario.requiredServices().stream().filter(s -> !declared.contains(s)).toList();
    return missing.isEmpty() ? Optional.empty()
        : Optional.of("the user function does not declare " + String.join(", ", missing));
  }

  private static String stackTrace(Throwable error) {
    StringWriter text = new StringWriter();
    error.printStackTrace(new PrintWriter(text));
    return text.toString().strip();
  }

  /**
   * Stops everything the run started, in reverse order.
   *
   * @throws IllegalStateException if something could not be stopped cleanly
   */
  @Override
  public void close() {
    proxyClients.values().forEach(client -> client.close().toCompletableFuture().join());
    List<AutoCloseable> reversed = new ArrayList<>(resources);
    Collections.reverse(reversed);
    List<String> problems = new ArrayList<>();
    for (AutoCloseable resource : reversed) {
      try {
        resource.close();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        problems.add("interrupted");
      } catch (Exception e) {
        log.warn("Could not stop a part of the TCK run cleanly", e);
        problems.add(e.toString());
      }
    }
    system.getWhenTerminated().toCompletableFuture().orTimeout(30, TimeUnit.SECONDS).join();
    if (!problems.isEmpty()) {
      throw new IllegalStateException("the TCK run did not stop cleanly: " + problems);
    }
  }

  /** What one scenario sees of the run. */
  private final class ScenarioContext implements TckContext {
    private final Set<String> entityIds = ConcurrentHashMap.newKeySet();
    private Optional<ScenarioTraffic> traffic = Optional.empty();

    @Override
    public Duration timeout() {
      return settings.timeout();
    }

    @Override
    public String newEntityId() {
      return scenarioEntity("tck-" + runTag + "-" + entityCounter.incrementAndGet());
    }

    @Override
    public String newEntityId(String prefix) {
      return scenarioEntity(prefix + "-tck-" + runTag + "-" + entityCounter.incrementAndGet());
    }

    private String scenarioEntity(String id) {
      entityIds.add(id);
      return id;
    }

    @Override
    public EntitySpec declaredSpec() {
      return declaredSpec;
    }

    @Override
    public EntityDiscoveryClient userFunctionDiscovery() {
      return userFunctionDiscovery;
    }

    @Override
    public ProtocolStream<EventSourcedStreamIn, EventSourcedStreamOut> connectEventSourced() {
      return ProtocolStream.open(userFunctionEventSourced::handle, Materializer.matFromSystem(system), settings.timeout());
    }

    @Override
    public ProtocolStream<ValueEntityStreamIn, ValueEntityStreamOut> connectValueEntity() {
      return ProtocolStream.open(userFunctionValueEntity::handle, Materializer.matFromSystem(system), settings.timeout());
    }

    @Override
    public ProtocolStream<CrdtStreamIn, CrdtStreamOut> connectCrdt() {
      return ProtocolStream.open(userFunctionCrdt::handle, Materializer.matFromSystem(system), settings.timeout());
    }

    @Override
    public ActionProtocolClient userFunctionActions() {
      return userFunctionActions;
    }

    @Override
    public ProtocolStream<ActionCommand, ActionResponse> connectAction(
        Function<Source<ActionCommand, NotUsed>, Source<ActionResponse, NotUsed>> call) {
      return ProtocolStream.open(call, Materializer.matFromSystem(system), settings.timeout());
    }

    @Override
    public Materializer materializer() {
      return Materializer.matFromSystem(system);
    }

    @Override
    public ScenarioTraffic traffic() {
      if (proxy.isEmpty()) {
        throw new NotApplicable("no proxy under test");
      }
      if (traffic.isEmpty()) {
        traffic = Optional.of(new ScenarioTraffic(interceptor, entityIds));
      }
      return traffic.get();
    }

    @Override
    public <T extends AkkaGrpcClient> T proxyClient(
        Class<T> type, BiFunction<GrpcClientSettings, ClassicActorSystemProvider, T> create) {
      ProxyUnderTest target = proxy.orElseThrow(() -> new NotApplicable("no proxy under test"));
      return type.cast(proxyClients.computeIfAbsent(type, t -> create.apply(
          GrpcClientSettings.connectToServiceAt(target.host(), target.port(), system)
              .withTls(false)
              .withDeadline(settings.timeout()),
          system)));
    }

    @Override
    public <T> T await(CompletionStage<T> stage) throws Exception {
      try {
        return stage.toCompletableFuture().get(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        throw new AssertionError("no answer within " + settings.timeout());
      } catch (ExecutionException e) {
        Throwable cause = e.getCause();
        while (cause instanceof CompletionException && cause.getCause() != null) {
          cause = cause.getCause();
        }
        if (cause instanceof Exception exception) {
          throw exception;
        }
        throw e;
      }
    }
  }
}
