package io.stateside.proxy.action;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.stateside.protocol.ClientAction;
import io.stateside.protocol.Failure;
import io.stateside.protocol.Forward;
import io.stateside.protocol.Reply;
import io.stateside.protocol.SideEffect;
import io.stateside.protocol.action.ActionResponse;
import io.stateside.protocol.internal.EntityReply;
import org.junit.jupiter.api.Test;

class ActionResponsesTest {

  private static final SideEffect EFFECT = SideEffect.newBuilder().setServiceName("s").setCommandName("c").build();

  @Test
  void aReplyKeepsItsPayloadMetadataAndSideEffects() {
    Reply reply = Reply.newBuilder().setMetadata(io.stateside.protocol.Metadata.newBuilder()
        .addEntries(io.stateside.protocol.MetadataEntry.newBuilder().setKey("k").setStringValue("v"))).build();
    EntityReply read = ActionResponses.toEntityReply(ActionResponse.newBuilder().setReply(reply).addSideEffects(EFFECT).build());
    assertEquals(ClientAction.newBuilder().setReply(reply).build(), read.getAction());
    assertEquals(1, read.getSideEffectsCount());
  }

  @Test
  void aForwardIsAForward() {
    Forward forward = Forward.newBuilder().setServiceName("s").setCommandName("c").build();
    assertEquals(ClientAction.newBuilder().setForward(forward).build(),
        ActionResponses.toEntityReply(ActionResponse.newBuilder().setForward(forward).build()).getAction());
  }

  @Test
  void aFailureIsAFailure() {
    Failure failure = Failure.newBuilder().setDescription("no").build();
    assertEquals(ClientAction.newBuilder().setFailure(failure).build(),
        ActionResponses.toEntityReply(ActionResponse.newBuilder().setFailure(failure).build()).getAction());
  }

  @Test
  void noResponseIsAnActionWithoutReplyThatStillCarriesItsSideEffects() {
    EntityReply read = ActionResponses.toEntityReply(ActionResponse.newBuilder().addSideEffects(EFFECT).build());
    assertEquals(ClientAction.ActionCase.ACTION_NOT_SET, read.getAction().getActionCase());
    assertEquals(EFFECT, read.getSideEffects(0));
  }
}
