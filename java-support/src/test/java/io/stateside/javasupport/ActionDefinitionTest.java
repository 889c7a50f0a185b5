package io.stateside.javasupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import akka.stream.javadsl.Sink;
import akka.stream.javadsl.Source;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import com.google.protobuf.Empty;
import io.stateside.example.echo.EchoProto;
import io.stateside.example.echo.Text;
import io.stateside.protocol.Entity;
import org.junit.jupiter.api.Test;

/** An action's definition is checked against its service: methods, types and call shapes. */
class ActionDefinitionTest {

  private static final ServiceDescriptor ECHO = EchoProto.getDescriptor().findServiceByName("EchoService");

  private static Action.Builder unaryOnly() {
    return Action.builder(ECHO).onUnary("Say", Text.class, Text.class, (text, context) -> ActionEffect.reply(text));
  }

  private static Action complete() {
    return unaryOnly()
        .onStreamedOut("Repeat", Text.class, Text.class, (text, context) -> Source.single(ActionEffect.reply(text)))
        .onStreamedIn("Collect", Text.class, Text.class,
            context -> Sink.<Text>head().mapMaterializedValue(first -> first.thenApply(ActionEffect::reply)))
        .onStreamed("Chat", Text.class, Text.class, (texts, context) -> texts.map(ActionEffect::reply))
        .build();
  }

  @Test
  void everyMethodNeedsAHandler() {
    assertEquals("No command handler for Repeat, Collect, Chat of stateside.example.echo.EchoService",
        assertThrows(IllegalStateException.class, () -> unaryOnly().build()).getMessage());
  }

  @Test
  void aHandlerMustHaveItsMethodsCallShape() {
    assertEquals("Repeat is server-streaming, not unary", assertThrows(IllegalArgumentException.class,
        () -> unaryOnly().onUnary("Repeat", Text.class, Text.class, (text, context) -> ActionEffect.reply(text))).getMessage());
    assertEquals("Say is unary, not bidirectional", assertThrows(IllegalArgumentException.class,
        () -> Action.builder(ECHO).onStreamed("Say", Text.class, Text.class, (texts, context) -> texts.map(ActionEffect::reply)))
        .getMessage());
  }

  @Test
  void aHandlerMustHaveItsMethodsTypesAndOnlyOneHandler() {
    assertEquals("Say returns stateside.example.echo.Text, not google.protobuf.Empty", assertThrows(IllegalArgumentException.class,
        () -> Action.builder(ECHO).onUnary("Say", Text.class, Empty.class, (text, context) -> ActionEffect.noReply())).getMessage());
    assertEquals("Say already has a handler", assertThrows(IllegalArgumentException.class,
        () -> unaryOnly().onUnary("Say", Text.class, Text.class, (text, context) -> ActionEffect.reply(text))).getMessage());
  }

  @Test
  void anActionIsDeclaredWithTheActionProtocolAndNoPersistenceId() {
    assertEquals(Entity.newBuilder()
            .setEntityType("cloudstate.action.ActionProtocol")
            .setServiceName("stateside.example.echo.EchoService")
            .build(),
        complete().discoveryEntry());
  }
}
