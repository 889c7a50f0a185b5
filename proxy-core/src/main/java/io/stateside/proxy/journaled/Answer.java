package io.stateside.proxy.journaled;

import com.google.protobuf.Any;
import io.stateside.protocol.ClientAction;
import io.stateside.protocol.Failure;
import io.stateside.protocol.SideEffect;
import java.util.List;
import java.util.Optional;

/** A message from the user function, as every journaled kind reads it. */
public sealed interface Answer {

  /**
   * The answer to one command. {@code events} are stored, in order, before the client is
   * answered; the snapshot, if any, is saved after them.
   */
  record Reply(long commandId, ClientAction action, List<SideEffect> sideEffects, List<Any> events,
      Optional<Any> snapshot) implements Answer {}

  /** A stream-level failure: the incarnation ends. */
  record StreamFailure(Failure failure) implements Answer {}

  /** A message the protocol does not allow. */
  record Malformed(String problem) implements Answer {}
}
