package io.stateside.proxy.journaled;

import akka.actor.AbstractActorWithTimers;
import akka.actor.ActorRef;
import akka.actor.NoSerializationVerificationNeeded;
import akka.actor.Props;
import akka.actor.Terminated;
import akka.stream.Materializer;
import io.stateside.protocol.Command;
import io.stateside.protocol.internal.EntityCommand;
import io.stateside.protocol.internal.EntityReply;
import io.stateside.proxy.telemetry.EntityMetrics;
import io.stateside.proxy.telemetry.ThrottledLog;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.LoggerFactory;

/**
 * One active entity of a journaled kind (event-sourced and value entities), speaking the kind's
 * {@link EntityProtocol}. It owns the entity's {@link CommandPipeline} and runs the
 * entity in <em>incarnations</em>: each is one stream to the user function plus one
 * {@link EntityJournal} child that loaded the entity. Commands flow down the stream in arrival
 * order, several at a time; each caller is answered in order, once the events of its command and
 * of every earlier one are durable.
 *
 * <p>When an incarnation ends badly (its stream ends, breaks or answers out of protocol, the user
 * function fails it or takes too long, the journal fails) the actor discards it, lets its journal
 * finish the writes it has, and starts the next incarnation from the journal for the commands
 * still waiting. The actor itself stays, so the shard never has to hold commands back for it and
 * their order is kept.
 */
public final class JournaledEntity extends AbstractActorWithTimers {

  private static final ThrottledLog log =
      new ThrottledLog(LoggerFactory.getLogger(JournaledEntity.class), Duration.ofSeconds(10));

  /** Configuration shared by all entities of one service. */
  public record Settings(
      String serviceName,
      String persistenceIdPrefix,
      EntityProtocol<?, ?> protocol,
      int pipelineDepth,
      Duration userFunctionTimeout,
      int pruneEvery,
      boolean journalReplay,
      EntityMetrics metrics) {}

  /**
   * What the shard sends to passivate or hand off the entity: it stops once every command it has
   * is answered, instead of dropping them as a plain stop would.
   */
  public enum Stop implements NoSerializationVerificationNeeded { INSTANCE }

  private record AnswerOverdue(int incarnation) implements NoSerializationVerificationNeeded {}

  private static final String ANSWER_TIMER = "answer-overdue";

  private final Settings settings;
  private final EntityProtocol<Object, Object> protocol;
  private final String entityId;
  private final String persistenceId;
  private final Materializer materializer;
  private final CommandPipeline pipeline;
  private int incarnation;
  /** The current incarnation's stream; null once it has ended. */
  private UserFunctionStream<Object, Object> stream;
  /** The journal of the current or last incarnation; null once it has stopped. */
  private ActorRef journal;
  private boolean openingTaken;
  private boolean stopRequested;
  /** The oldest command the user function owes an answer, and since when it owes it. */
  private long owedCommandId;
  private long owedSinceNanos;
  /** For the metrics: when the current incarnation started. */
  private long incarnationStartNanos;
  /** For the metrics: the journal writes under way, by number: when each started, how many events. */
  private final Map<Long, long[]> writesUnderWay = new HashMap<>();

  @SuppressWarnings("unchecked")
  private JournaledEntity(Settings settings) {
    this.settings = settings;
    this.protocol = (EntityProtocol<Object, Object>) settings.protocol();
    this.entityId = URLDecoder.decode(self().path().name(), StandardCharsets.UTF_8);
    this.persistenceId = settings.persistenceIdPrefix() + "|" + entityId;
    this.materializer = Materializer.matFromSystem(context().system());
    this.pipeline = new CommandPipeline(settings.pipelineDepth(), new Port());
  }

  public static Props props(Settings settings) {
    return Props.create(JournaledEntity.class, () -> new JournaledEntity(settings));
  }

  @Override
  public void preStart() {
    settings.metrics().activated();
  }

  @Override
  public Receive createReceive() {
    return receiveBuilder()
        .match(EntityCommand.class, command -> {
          pipeline.accept(command, sender(), System.nanoTime());
          afterProgress();
        })
        .match(UserFunctionStream.Received.class, received -> isCurrent(received.incarnation()),
            received -> onUserFunction(received.message()))
        .match(UserFunctionStream.OpeningTaken.class, taken -> isCurrent(taken.incarnation()), taken -> {
          openingTaken = true;
          owedSinceNanos = System.nanoTime();
          // Every opening message after the init is a stored entry the user function loaded.
          settings.metrics().recovered(owedSinceNanos - incarnationStartNanos, Math.max(0, taken.messages() - 1));
          afterProgress();
        })
        .match(UserFunctionStream.Closed.class, closed -> isCurrent(closed.incarnation()), closed -> streamLost(closed.failure()
            .map(error -> "the user function's stream failed: " + error.getMessage())
            .orElse("the user function closed the entity's stream")))
        .match(EntityJournal.Recovered.class, this::fromJournal, this::onRecovered)
        .match(EntityJournal.Persisted.class, this::fromJournal, persisted -> {
          long now = System.nanoTime();
          long[] write = writesUnderWay.remove(persisted.writeNo());
          if (write != null) {
            settings.metrics().journalWritten(now - write[0], (int) write[1]);
          }
          pipeline.onWritten(persisted.writeNo(), now);
          afterProgress();
        })
        .match(EntityJournal.JournalFailed.class, this::fromJournal, this::onJournalFailed)
        .match(Terminated.class, terminated -> terminated.actor().equals(journal), terminated -> onJournalStopped())
        .match(AnswerOverdue.class, overdue -> overdue.incarnation() == incarnation && stream != null, overdue -> checkOverdue())
        .match(Stop.class, stop -> {
          if (!stopRequested) {
            settings.metrics().passivated();
          }
          stopRequested = true;
          afterProgress();
        })
        .matchAny(stale -> {}) // from an incarnation that is over
        .build();
  }

  @Override
  public void postStop() {
    settings.metrics().stopped();
    pipeline.abandon("the entity stopped");
    if (stream != null) {
      stream.close();
    }
  }

  private boolean isCurrent(int streamIncarnation) {
    return stream != null && streamIncarnation == incarnation;
  }

  private boolean fromJournal(Object message) {
    return journal != null && sender().equals(journal);
  }

  private void startIncarnation() {
    incarnation++;
    openingTaken = false;
    incarnationStartNanos = System.nanoTime();
    writesUnderWay.clear();
    if (incarnation > 1) {
      settings.metrics().restarted();
    }
    journal = context().actorOf(
        EntityJournal.props(persistenceId, settings.persistenceIdPrefix(), settings.pruneEvery(),
            settings.journalReplay()), "journal-" + incarnation);
    context().watch(journal);
    stream = new UserFunctionStream<>(protocol, materializer, incarnation, settings.pipelineDepth(), self());
  }

  private void onRecovered(EntityJournal.Recovered loaded) {
    if (stream == null) {
      return; // the incarnation ended while its journal was loading
    }
    stream.start(protocol.opening(entityId, persistenceId, loaded.stored()));
    pipeline.open(System.nanoTime());
    afterProgress();
  }

  private void onUserFunction(Object message) {
    Answer answer = protocol.read(message);
    CommandPipeline.Outcome outcome;
    if (answer instanceof Answer.Reply reply) {
      outcome = pipeline.onReply(reply, System.nanoTime());
    } else if (answer instanceof Answer.StreamFailure failure) {
      outcome = pipeline.onFailure(failure.failure());
    } else {
      outcome = new CommandPipeline.Violation(((Answer.Malformed) answer).problem());
    }
    if (outcome instanceof CommandPipeline.Failed failed) {
      log.info("failed", "Entity '{}' of {} restarts from its journal after the user function failed it: {}",
          entityId, settings.serviceName(), failed.description());
      endIncarnation();
    } else if (outcome instanceof CommandPipeline.Violation violation) {
      log.warn("violation", "Entity '{}' of {} restarts: the user function {}", entityId, settings.serviceName(),
          violation.problem());
      settings.metrics().streamFailed();
      pipeline.onStreamLost("the user function broke the protocol");
      endIncarnation();
    } else {
      afterProgress();
    }
  }

  private void streamLost(String reason) {
    log.warn("stream-lost", "Entity '{}' of {} restarts: {}", entityId, settings.serviceName(), reason);
    settings.metrics().streamFailed();
    pipeline.onStreamLost(reason);
    endIncarnation();
  }

  private void checkOverdue() {
    long owedFor = System.nanoTime() - owedSinceNanos;
    if (pipeline.oldestUnanswered().isPresent() && owedFor >= settings.userFunctionTimeout().toNanos()) {
      streamLost("the user function did not answer within " + settings.userFunctionTimeout());
    } else {
      afterProgress();
    }
  }

  private void onJournalFailed(EntityJournal.JournalFailed failed) {
    log.warn("journal-failed", "Entity '{}' of {} restarts: {}: {}", entityId, settings.serviceName(),
        failed.forCallers(), failed.detail());
    if (failed.duringRecovery()) {
      pipeline.onRecoveryFailed(failed.forCallers());
    } else {
      pipeline.onJournalFailed(failed.forCallers());
    }
    discardStream();
    // The journal stops itself; the next incarnation starts once it has.
  }

  private void onJournalStopped() {
    journal = null;
    if (stream != null) {
      // It stopped without saying why: whatever it was writing is in doubt.
      pipeline.onJournalFailed("the entity's journal stopped");
      discardStream();
    }
    afterProgress();
  }

  /** The incarnation is over: its stream goes now, its journal once it has written what it holds. */
  private void endIncarnation() {
    discardStream();
    afterProgress();
  }

  private void discardStream() {
    if (stream != null) {
      stream.abort();
      stream = null;
    }
    timers().cancel(ANSWER_TIMER);
  }

  /** Whatever just happened, take the next step: stop a finished journal, start an incarnation, stop. */
  private void afterProgress() {
    if (stream == null && journal != null && !pipeline.isWriting()) {
      context().stop(journal); // its Terminated brings us back here
      return;
    }
    if (stream == null && journal == null && pipeline.hasQueued()) {
      startIncarnation();
      return;
    }
    if (stopRequested && pipeline.isIdle()) {
      context().stop(self());
      return;
    }
    watchOwedAnswer();
  }

  /**
   * Keeps one timer for the answer the user function owes longest. Replies come in order, so it
   * is re-armed only when it fires or when there was nothing owed before, not per command.
   */
  private void watchOwedAnswer() {
    Optional<Long> owed = pipeline.oldestUnanswered();
    if (owed.isEmpty() || !openingTaken || stream == null) {
      timers().cancel(ANSWER_TIMER);
      owedCommandId = 0;
      return;
    }
    long now = System.nanoTime();
    if (owed.get() != owedCommandId) {
      owedCommandId = owed.get();
      owedSinceNanos = now;
    }
    if (!timers().isTimerActive(ANSWER_TIMER)) {
      long left = settings.userFunctionTimeout().toNanos() - (now - owedSinceNanos);
      timers().startSingleTimer(ANSWER_TIMER, new AnswerOverdue(incarnation), Duration.ofNanos(Math.max(left, 1)));
    }
  }

  /** How the pipeline reaches the stream, the journal and the callers. */
  private final class Port implements CommandPipeline.Port {
    @Override
    public void send(long commandId, EntityCommand command) {
      boolean taken = stream.send(protocol.command(Command.newBuilder()
          .setEntityId(entityId)
          .setId(commandId)
          .setName(command.getName())
          .setPayload(command.getPayload())
          .setMetadata(command.getMetadata())
          .build()));
      if (!taken) {
        self().tell(new UserFunctionStream.Closed(incarnation, Optional.of(
            new IllegalStateException("the stream to the user function overflowed"))), ActorRef.noSender());
      }
    }

    @Override
    public void write(long writeNo, List<CommandPipeline.Segment> segments) {
      long events = 0;
      for (CommandPipeline.Segment segment : segments) {
        events += segment.events().size();
      }
      writesUnderWay.put(writeNo, new long[] {System.nanoTime(), events});
      journal.tell(new EntityJournal.Persist(writeNo, segments), self());
    }

    @Override
    public void answer(ActorRef caller, EntityReply reply) {
      caller.tell(reply, self());
    }
  }
}
