package io.stateside.proxy.valueentity;

import akka.NotUsed;
import akka.stream.javadsl.Source;
import com.google.protobuf.Any;
import io.stateside.protocol.Command;
import io.stateside.protocol.internal.ValueEntityDeleted;
import io.stateside.protocol.valueentity.ValueEntity;
import io.stateside.protocol.valueentity.ValueEntityInit;
import io.stateside.protocol.valueentity.ValueEntityInitState;
import io.stateside.protocol.valueentity.ValueEntityReply;
import io.stateside.protocol.valueentity.ValueEntityStreamIn;
import io.stateside.protocol.valueentity.ValueEntityStreamOut;
import io.stateside.proxy.journaled.Answer;
import io.stateside.proxy.journaled.EntityProtocol;
import io.stateside.proxy.journaled.JournalReplay;
import io.stateside.proxy.journaled.StoredEntity;
import io.stateside.proxy.journaled.StoredEvent;
import java.util.List;
import java.util.Optional;

/**
 * {@code cloudstate.valueentity.ValueEntity}: an incarnation opens with the latest stored value in
 * its init message; a reply's state action is stored as one journal entry, the new value itself
 * or, for a delete, a {@link ValueEntityDeleted} marker.
 */
final class ValueEntityProtocol implements EntityProtocol<ValueEntityStreamIn, ValueEntityStreamOut> {

  static final Any DELETED = Any.pack(ValueEntityDeleted.getDefaultInstance());

  private final ValueEntity userFunction;
  private final JournalReplay journal;
  private final String serviceName;

  ValueEntityProtocol(ValueEntity userFunction, JournalReplay journal, String serviceName) {
    this.userFunction = userFunction;
    this.journal = journal;
    this.serviceName = serviceName;
  }

  @Override
  public Source<ValueEntityStreamOut, NotUsed> handle(Source<ValueEntityStreamIn, NotUsed> in) {
    return userFunction.handle(in);
  }

  @Override
  public Source<ValueEntityStreamIn, NotUsed> opening(String entityId, String persistenceId, StoredEntity stored) {
    if (stored.isEmpty()) {
      return Source.single(init(entityId, Optional.empty()));
    }
    long latest = stored.highestSequenceNr();
    return journal.events(persistenceId, latest, latest)
        .fold(Optional.<StoredEvent>empty(), (none, event) -> Optional.of(event))
        .map(event -> init(entityId, Optional.of(event
            .orElseThrow(() -> new IllegalStateException(
                "the journal of " + persistenceId + " goes to entry " + latest + " but does not return it"))
            .payload())
            .filter(value -> !value.getTypeUrl().equals(DELETED.getTypeUrl()))));
  }

  private ValueEntityStreamIn init(String entityId, Optional<Any> value) {
    ValueEntityInitState.Builder state = ValueEntityInitState.newBuilder();
    value.ifPresent(state::setValue);
    return ValueEntityStreamIn.newBuilder()
        .setInit(ValueEntityInit.newBuilder().setServiceName(serviceName).setEntityId(entityId).setState(state))
        .build();
  }

  @Override
  public ValueEntityStreamIn command(Command command) {
    return ValueEntityStreamIn.newBuilder().setCommand(command).build();
  }

  @Override
  public Answer read(ValueEntityStreamOut message) {
    return switch (message.getMessageCase()) {
      case REPLY -> reply(message.getReply());
      case FAILURE -> new Answer.StreamFailure(message.getFailure());
      case MESSAGE_NOT_SET -> new Answer.Malformed("sent an empty message");
    };
  }

  private static Answer reply(ValueEntityReply reply) {
    if (reply.getStateAction().hasUpdate() && !reply.getStateAction().getUpdate().hasValue()) {
      return new Answer.Malformed("updated the state of command " + reply.getCommandId() + " without a value");
    }
    List<Any> change = switch (reply.getStateAction().getActionCase()) {
      case UPDATE -> List.of(reply.getStateAction().getUpdate().getValue());
      case DELETE -> List.of(DELETED);
      case ACTION_NOT_SET -> List.of();
    };
    return new Answer.Reply(reply.getCommandId(), reply.getClientAction(), reply.getSideEffectsList(), change,
        Optional.empty());
  }
}
