package io.stateside.proxy.eventing.eventlog;

import akka.Done;
import akka.actor.typed.ActorSystem;
import akka.event.Logging;
import akka.event.LoggingAdapter;
import akka.projection.Projection;
import akka.projection.ProjectionContext;
import akka.projection.ProjectionId;
import akka.projection.RunningProjection;
import akka.projection.StatusObserver;
import akka.projection.internal.ActorHandlerInit;
import akka.projection.internal.AtLeastOnce;
import akka.projection.internal.FlowHandlerStrategy;
import akka.projection.internal.InternalProjectionState;
import akka.projection.internal.NoopStatusObserver;
import akka.projection.internal.ProjectionSettings;
import akka.projection.internal.SourceProviderAdapter;
import akka.projection.javadsl.SourceProvider;
import akka.stream.RestartSettings;
import akka.stream.javadsl.FlowWithContext;
import akka.stream.javadsl.Sink;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import scala.Option;
import scala.concurrent.ExecutionContext;
import scala.concurrent.Future;
import scala.concurrent.duration.FiniteDuration;
import scala.jdk.javaapi.DurationConverters;
import scala.jdk.javaapi.FutureConverters;

/**
 * An at-least-once flow projection of Akka Projections whose offsets an {@link OffsetStore} of
 * ours keeps. Akka Projections 1.2 ships offset stores for Cassandra and JDBC only, and no public
 * way to add one; this class plugs ours into its processing (batched offset saves, restarts with
 * back-off, status observers) through the state class its own projections use. That class is
 * internal API, which is safe here because the version is pinned: later Akka Projections need a
 * later Akka, under another licence.
 */
public final class OffsetStoreProjection<Offset, Envelope> implements Projection<Envelope> {

  private final ProjectionId projectionId;
  private final SourceProvider<Offset, Envelope> sourceProvider;
  private final FlowWithContext<Envelope, ProjectionContext, akka.Done, ProjectionContext, ?> handler;
  private final OffsetStore<Offset> offsets;
  private final Optional<RestartSettings> restartBackoff;
  private final StatusObserver<Envelope> statusObserver;

  private OffsetStoreProjection(ProjectionId projectionId, SourceProvider<Offset, Envelope> sourceProvider,
      FlowWithContext<Envelope, ProjectionContext, Done, ProjectionContext, ?> handler, OffsetStore<Offset> offsets,
      Optional<RestartSettings> restartBackoff, StatusObserver<Envelope> statusObserver) {
    this.projectionId = projectionId;
    this.sourceProvider = sourceProvider;
    this.handler = handler;
    this.offsets = offsets;
    this.restartBackoff = restartBackoff;
    this.statusObserver = statusObserver;
  }

  /** Each envelope through the handler, in order; the offsets of handled ones saved in {@code offsets}. */
  @SuppressWarnings("unchecked")
  public static <Offset, Envelope> OffsetStoreProjection<Offset, Envelope> atLeastOnceFlow(
      ProjectionId projectionId, SourceProvider<Offset, Envelope> sourceProvider,
      FlowWithContext<Envelope, ProjectionContext, Done, ProjectionContext, ?> handler, OffsetStore<Offset> offsets) {
    return new OffsetStoreProjection<>(projectionId, sourceProvider, handler, offsets, Optional.empty(),
        (StatusObserver<Envelope>) NoopStatusObserver.getInstance());
  }

  @Override
  public ProjectionId projectionId() {
    return projectionId;
  }

  @Override
  public StatusObserver<Envelope> statusObserver() {
    return statusObserver;
  }

  @Override
  public Projection<Envelope> withStatusObserver(StatusObserver<Envelope> observer) {
    return new OffsetStoreProjection<>(projectionId, sourceProvider, handler, offsets, restartBackoff, observer);
  }

  @Override
  public Projection<Envelope> withRestartBackoff(FiniteDuration minBackoff, FiniteDuration maxBackoff,
      double randomFactor) {
    return withRestart(RestartSettings.create(DurationConverters.toJava(minBackoff), DurationConverters.toJava(maxBackoff),
        randomFactor));
  }

  @Override
  public Projection<Envelope> withRestartBackoff(FiniteDuration minBackoff, FiniteDuration maxBackoff,
      double randomFactor, int maxRestarts) {
    return withRestart(RestartSettings.create(DurationConverters.toJava(minBackoff), DurationConverters.toJava(maxBackoff),
        randomFactor).withMaxRestarts(maxRestarts, DurationConverters.toJava(minBackoff)));
  }

  @Override
  public Projection<Envelope> withRestartBackoff(Duration minBackoff, Duration maxBackoff, double randomFactor) {
    return withRestart(RestartSettings.create(minBackoff, maxBackoff, randomFactor));
  }

  @Override
  public Projection<Envelope> withRestartBackoff(Duration minBackoff, Duration maxBackoff, double randomFactor,
      int maxRestarts) {
    return withRestart(RestartSettings.create(minBackoff, maxBackoff, randomFactor).withMaxRestarts(maxRestarts, minBackoff));
  }

  private Projection<Envelope> withRestart(RestartSettings restart) {
    return new OffsetStoreProjection<>(projectionId, sourceProvider, handler, offsets, Optional.of(restart),
        statusObserver);
  }

  @Override
  public akka.stream.scaladsl.Source<Done, Future<Done>> mappedSource(ActorSystem<?> system) {
    return new State(system).mappedSource();
  }

  @Override
  public <T> Option<ActorHandlerInit<T>> actorHandlerInit() {
    return Option.empty();
  }

  @Override
  public RunningProjection run(ActorSystem<?> system) {
    return new State(system).run();
  }

  private ProjectionSettings settings(ActorSystem<?> system) {
    ProjectionSettings defaults = ProjectionSettings.apply(system);
    return defaults.copy(restartBackoff.orElse(defaults.restartBackoff()), defaults.saveOffsetAfterEnvelopes(),
        defaults.saveOffsetAfterDuration(), defaults.groupAfterEnvelopes(), defaults.groupAfterDuration(),
        defaults.recoveryStrategy());
  }

  /** One run of the projection: Akka Projections' processing, reading and saving offsets in our store. */
  private final class State extends InternalProjectionState<Offset, Envelope> {

    private final ActorSystem<?> system;
    private final ProjectionSettings settings;
    private final LoggingAdapter logger;

    State(ActorSystem<?> system) {
      this(system, settings(system));
    }

    private State(ActorSystem<?> system, ProjectionSettings settings) {
      super(projectionId, new SourceProviderAdapter<>(sourceProvider),
          AtLeastOnce.apply(Option.empty(), Option.empty(), Option.empty()),
          FlowHandlerStrategy.apply(handler.asScala()), statusObserver, settings);
      this.system = system;
      this.settings = settings;
      this.logger = Logging.getLogger(system.classicSystem(), OffsetStoreProjection.class);
    }

    RunningProjection run() {
      @SuppressWarnings({"unchecked", "rawtypes"})
      akka.stream.scaladsl.Source<Done, ?> restarting = RunningProjection.withBackoff(
          () -> (akka.stream.scaladsl.Source) mappedSource(), settings);
      CompletionStage<Done> done = restarting.asJava().runWith(Sink.ignore(), system);
      return () -> {
        killSwitch().shutdown();
        abort().tryFailure(RunningProjection.AbortProjectionException$.MODULE$);
        return FutureConverters.asScala(done);
      };
    }

    @Override
    public LoggingAdapter logger() {
      return logger;
    }

    @Override
    public ActorSystem<?> system() {
      return system;
    }

    @Override
    public ExecutionContext executionContext() {
      return system.executionContext();
    }

    @Override
    public Future<Object> readPaused() {
      return Future.successful(Boolean.FALSE);
    }

    @Override
    public Future<Option<Offset>> readOffsets() {
      return FutureConverters.asScala(offsets.read(projectionId).thenApply(offset -> Option.apply(offset.orElse(null))));
    }

    @Override
    public Future<Done> saveOffset(ProjectionId id, Offset offset) {
      return FutureConverters.asScala(offsets.save(id, offset));
    }
  }
}
