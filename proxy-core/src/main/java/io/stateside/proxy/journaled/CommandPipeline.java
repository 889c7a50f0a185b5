package io.stateside.proxy.journaled;

import akka.actor.ActorRef;
import com.google.protobuf.Any;
import io.stateside.protocol.ClientAction;
import io.stateside.protocol.Failure;
import io.stateside.protocol.internal.EntityCommand;
import io.stateside.protocol.internal.EntityReply;
import io.stateside.proxy.entity.EntityReplies;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * The commands of one entity, from arrival to answer. Pure bookkeeping, no Akka: the entity
 * actor feeds it what happens and carries out what it asks through {@link Port}.
 *
 * <p>A command is <em>queued</em> until the user function may take it, <em>sent</em> until the
 * user function answers, then <em>answered</em> until its events, and those of every earlier
 * command, are durable; only then does its caller get the answer. Up to {@code depth} commands
 * are between sending and release at once. The events of all answers that arrive while a journal
 * write is under way go to the journal together in the next write (group commit per entity).
 *
 * <p>Every command accepted gets exactly one answer. When an incarnation of the entity ends, the
 * commands it was handling are answered (with their failure, or as unavailable), except those
 * the user function provably never handled, which wait for the next incarnation with the queued
 * ones; a command waits through at most one failed incarnation, so an entity that keeps failing
 * answers everyone instead of retrying forever.
 */
final class CommandPipeline {

  /** The events of one answer, and the snapshot taken after them. */
  record Segment(List<Any> events, Optional<Any> snapshot) {}

  /** What the pipeline needs done. */
  interface Port {
    /** Sends the command to the user function's stream under the given id. */
    void send(long commandId, EntityCommand command);

    /** Stores these segments' events in one journal write. */
    void write(long writeNo, List<Segment> segments);

    void answer(ActorRef caller, EntityReply reply);
  }

  /** What an answer from the user function means for the incarnation. */
  sealed interface Outcome {}

  /** Taken in; the incarnation carries on. */
  record Accepted() implements Outcome {}

  /** The user function failed the incarnation (a stream-level failure or a restart request). */
  record Failed(String description) implements Outcome {}

  /** The answer does not fit the protocol; the incarnation must end. */
  record Violation(String problem) implements Outcome {}

  private static final Accepted ACCEPTED = new Accepted();

  private static final class Pending {
    final EntityCommand command;
    final ActorRef caller;
    /** When the caller stops waiting, on {@link System#nanoTime()}'s scale; only if it set a limit. */
    final boolean hasDeadline;
    final long deadlineNanos;
    boolean carried;
    long commandId;
    EntityReply reply;
    long writeNo;

    Pending(EntityCommand command, ActorRef caller, long arrivedNanos) {
      this.command = command;
      this.caller = caller;
      this.hasDeadline = command.getRemainingNanos() > 0;
      this.deadlineNanos = arrivedNanos + command.getRemainingNanos();
    }

    boolean expiredAt(long nowNanos) {
      return hasDeadline && nowNanos - deadlineNanos >= 0;
    }
  }

  private final int depth;
  private final Port port;
  private final ArrayDeque<Pending> queued = new ArrayDeque<>();
  private final ArrayDeque<Pending> sent = new ArrayDeque<>();
  private final ArrayDeque<Pending> answered = new ArrayDeque<>();
  private final List<Segment> nextWrite = new ArrayList<>();
  private boolean open;
  private long nextCommandId;
  /** Writes are numbered; one is under way while {@code issued > durable}. */
  private long issuedWrite;
  private long durableWrite;

  CommandPipeline(int depth, Port port) {
    if (depth < 1) {
      throw new IllegalArgumentException("pipeline depth must be at least 1, not " + depth);
    }
    this.depth = depth;
    this.port = port;
  }

  /** A command arrived from its caller. */
  void accept(EntityCommand command, ActorRef caller, long nowNanos) {
    queued.add(new Pending(command, caller, nowNanos));
    pump(nowNanos);
  }

  /** A new incarnation's stream takes commands from now on; its command ids start at 1. */
  void open(long nowNanos) {
    open = true;
    nextCommandId = 1;
    pump(nowNanos);
  }

  boolean isOpen() {
    return open;
  }

  /** The user function's reply to the oldest command sent. */
  Outcome onReply(Answer.Reply reply, long nowNanos) {
    Optional<Violation> violation = checkAnswers(reply.commandId(), "replied to");
    if (violation.isPresent()) {
      return violation.get();
    }
    ClientAction action = reply.action();
    if (action.hasFailure() && action.getFailure().getRestart()) {
      // Its events are dropped, with the user function state that produced them.
      return failIncarnation(action.getFailure());
    }
    Pending command = sent.poll();
    command.reply = EntityReply.newBuilder().setAction(action).addAllSideEffects(reply.sideEffects()).build();
    if (!reply.events().isEmpty()) {
      nextWrite.add(new Segment(reply.events(), reply.snapshot()));
    }
    command.writeNo = lastAssignedWrite();
    answered.add(command);
    flushIfIdle();
    release();
    pump(nowNanos);
    return ACCEPTED;
  }

  /** A stream-level failure from the user function. */
  Outcome onFailure(Failure failure) {
    if (failure.getCommandId() == 0) {
      return new Violation("failed the entity's stream: " + failure.getDescription());
    }
    return checkAnswers(failure.getCommandId(), "failed").<Outcome>map(v -> v).orElseGet(() -> failIncarnation(failure));
  }

  /** The journal write numbered {@code writeNo} is durable. */
  void onWritten(long writeNo, long nowNanos) {
    durableWrite = writeNo;
    flushIfIdle();
    release();
    pump(nowNanos);
  }

  /**
   * The incarnation's stream ended, broke, or answered out of protocol: the commands it had been
   * sent get an error; those still queued wait for the next incarnation.
   */
  void onStreamLost(String reason) {
    open = false;
    answerAll(sent, EntityReplies.unavailable(reason));
    carryQueued(reason);
  }

  /**
   * The journal failed: whatever was not yet durable is lost, and the user function's state,
   * which is ahead of the journal, is discarded with its incarnation.
   */
  void onJournalFailed(String reason) {
    open = false;
    EntityReply unavailable = EntityReplies.unavailable(reason);
    answerAll(answered, unavailable);
    answerAll(sent, unavailable);
    nextWrite.clear();
    durableWrite = issuedWrite;
    carryQueued(reason);
  }

  /** The entity could not be loaded: nothing can be served until it can. */
  void onRecoveryFailed(String reason) {
    open = false;
    answerAll(queued, EntityReplies.unavailable(reason));
  }

  /** Answers every caller still waiting; for an entity that stops for good. */
  void abandon(String reason) {
    open = false;
    EntityReply unavailable = EntityReplies.unavailable(reason);
    answerAll(answered, unavailable);
    answerAll(sent, unavailable);
    answerAll(queued, unavailable);
    nextWrite.clear();
  }

  /** The id of the oldest command the user function has not answered, if any. */
  Optional<Long> oldestUnanswered() {
    Pending oldest = sent.peek();
    return oldest == null ? Optional.empty() : Optional.of(oldest.commandId);
  }

  boolean hasQueued() {
    return !queued.isEmpty();
  }

  /** A journal write is under way or waiting to be issued. */
  boolean isWriting() {
    return issuedWrite > durableWrite || !nextWrite.isEmpty();
  }

  /** No command waits for anything and no write is under way. */
  boolean isIdle() {
    return queued.isEmpty() && sent.isEmpty() && answered.isEmpty() && !isWriting();
  }

  private Optional<Violation> checkAnswers(long commandId, String verb) {
    Pending oldest = sent.peek();
    if (oldest == null) {
      return Optional.of(new Violation(verb + " command " + commandId + " but none was waiting"));
    }
    if (oldest.commandId != commandId) {
      return Optional.of(new Violation(verb + " command " + commandId + " but command " + oldest.commandId + " was next"));
    }
    return Optional.empty();
  }

  /**
   * The oldest sent command gets the failure, in its turn. The user function has stopped there,
   * so the commands sent after it were never handled: they go back to the queue, in order, for
   * the next incarnation.
   */
  private Failed failIncarnation(Failure failure) {
    Pending failed = sent.poll();
    failed.reply = EntityReplies.failure(failure);
    failed.writeNo = lastAssignedWrite();
    answered.add(failed);
    open = false;
    release();
    Iterator<Pending> newestFirst = sent.descendingIterator();
    while (newestFirst.hasNext()) {
      queued.addFirst(newestFirst.next());
    }
    sent.clear();
    carryQueued("the entity restarted after a failure");
    return new Failed(failure.getDescription());
  }

  /** Queued commands wait for the next incarnation, unless they waited through one before. */
  private void carryQueued(String reason) {
    EntityReply unavailable = EntityReplies.unavailable(reason);
    queued.removeIf(command -> {
      if (command.carried) {
        port.answer(command.caller, unavailable);
        return true;
      }
      command.carried = true;
      return false;
    });
  }

  /** The write that holds the events of every answer so far: the one being gathered, else the last issued. */
  private long lastAssignedWrite() {
    return nextWrite.isEmpty() ? issuedWrite : issuedWrite + 1;
  }

  private void flushIfIdle() {
    if (issuedWrite == durableWrite && !nextWrite.isEmpty()) {
      issuedWrite++;
      List<Segment> segments = List.copyOf(nextWrite);
      nextWrite.clear();
      port.write(issuedWrite, segments);
    }
  }

  private void release() {
    while (!answered.isEmpty() && answered.peek().writeNo <= durableWrite) {
      Pending command = answered.poll();
      port.answer(command.caller, command.reply);
    }
  }

  private void pump(long nowNanos) {
    while (open && !queued.isEmpty() && sent.size() + answered.size() < depth) {
      Pending command = queued.poll();
      if (command.expiredAt(nowNanos)) {
        port.answer(command.caller, EntityReplies.expired("the caller's deadline passed while the command waited for its entity"));
        continue;
      }
      command.commandId = nextCommandId++;
      sent.add(command);
      port.send(command.commandId, command.command);
    }
  }

  private void answerAll(ArrayDeque<Pending> commands, EntityReply reply) {
    commands.forEach(command -> port.answer(command.caller, reply));
    commands.clear();
  }
}
