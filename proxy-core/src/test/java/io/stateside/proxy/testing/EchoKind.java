package io.stateside.proxy.testing;

import akka.NotUsed;
import akka.stream.javadsl.Source;
import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import com.google.protobuf.InvalidProtocolBufferException;
import io.stateside.example.echo.EchoProto;
import io.stateside.example.echo.EchoService;
import io.stateside.example.echo.Text;
import io.stateside.protocol.ClientAction;
import io.stateside.protocol.Entity;
import io.stateside.protocol.EntitySpec;
import io.stateside.protocol.Reply;
import io.stateside.protocol.internal.EntityCommand;
import io.stateside.protocol.internal.EntityReply;
import io.stateside.proxy.entity.CallShape;
import io.stateside.proxy.entity.EntityContext;
import io.stateside.proxy.entity.EntityGateway;
import io.stateside.proxy.entity.EntityKind;
import io.stateside.proxy.entity.KindRules;
import io.stateside.proxy.entity.StreamHeader;
import io.stateside.proxy.entity.UserEntity;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A kind the core has never heard of, for tests: unkeyed, serving all four call shapes of
 * {@code stateside.example.echo.EchoService} in the proxy itself, with no user function
 * involved. Each command's text is echoed; {@code Repeat} answers three times and
 * {@code Collect} once for all its messages.
 */
public final class EchoKind implements EntityKind {

  public static final String NAME = "stateside.test.Echo";

  private final List<EntityCommand> seen = new CopyOnWriteArrayList<>();

  /** The counter user function's spec, plus the echo service declared with this kind. */
  public static EntitySpec declaredBeside(EntitySpec spec) {
    return spec.toBuilder()
        .setProto(CounterUserFunction.descriptorSet(EchoProto.getDescriptor()).toBuilder()
            .addAllFile(parse(spec.getProto()).getFileList()).build().toByteString())
        .addEntities(Entity.newBuilder().setEntityType(NAME).setServiceName(EchoService.name))
        .build();
  }

  /** Every command the kind was sent, in order. */
  public List<EntityCommand> seen() {
    return seen;
  }

  @Override
  public String protocolName() {
    return NAME;
  }

  @Override
  public String displayName() {
    return "echo services";
  }

  @Override
  public KindRules rules() {
    return new KindRules(false, false, Set.of(CallShape.values()), false);
  }

  @Override
  public EntityGateway start(UserEntity entity, EntityContext context) {
    return new EntityGateway() {
      @Override
      public CompletionStage<EntityReply> send(EntityCommand command, Duration timeout) {
        seen.add(command);
        return CompletableFuture.completedFuture(reply(text(command.getPayload())));
      }

      @Override
      public Source<EntityReply, NotUsed> stream(
          StreamHeader header, Source<EntityCommand, NotUsed> commands, Duration timeout) {
        return switch (header.methodName()) {
          case "Repeat" -> commands.reduce((only, extra) -> only)
              .flatMapConcat(only -> Source.repeat(reply(text(only.getPayload()))).take(3));
          case "Collect" -> commands.fold("", (joined, command) -> joined + text(command.getPayload())).map(EchoKind::reply);
          default -> EntityGateway.super.stream(header, commands, timeout);
        };
      }
    };
  }

  public static Text text(String text) {
    return Text.newBuilder().setText(text).build();
  }

  private static String text(Any payload) {
    try {
      return Text.parseFrom(payload.getValue()).getText();
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException(e);
    }
  }

  private static EntityReply reply(String text) {
    return EntityReply.newBuilder().setAction(ClientAction.newBuilder().setReply(Reply.newBuilder()
        .setPayload(Any.pack(text(text))))).build();
  }

  private static FileDescriptorSet parse(ByteString bytes) {
    try {
      return FileDescriptorSet.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException(e);
    }
  }
}
