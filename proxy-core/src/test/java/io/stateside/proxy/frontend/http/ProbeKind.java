package io.stateside.proxy.frontend.http;

import akka.NotUsed;
import akka.stream.javadsl.Source;
import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import com.google.protobuf.InvalidProtocolBufferException;
import io.grpc.Status;
import io.stateside.example.probe.Probe;
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

/**
 * The kind serving {@link ProbeService} in the proxy itself: each call is answered with the very
 * message it carried, so a test sees what the proxy built from an HTTP request. A Probe naming
 * a status code in fail_with fails with it instead; a streamed call is answered count times
 * (three if unset), then fails if fail_with says so.
 */
final class ProbeKind implements EntityKind {

  static final String NAME = "stateside.test.Probe";

  @Override
  public String protocolName() {
    return NAME;
  }

  @Override
  public String displayName() {
    return "probe services";
  }

  @Override
  public KindRules rules() {
    return new KindRules(false, false, Set.of(CallShape.UNARY, CallShape.SERVER_STREAMING), false);
  }

  /** The counter's spec, with the probe service declared beside it. */
  static EntitySpec withProbeService(EntitySpec spec, List<ProbeService.Method> methods) {
    FileDescriptorSet files;
    try {
      files = ProbeService.descriptorSet(methods).toBuilder().mergeFrom(spec.getProto()).build();
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException(e);
    }
    return spec.toBuilder()
        .setProto(files.toByteString())
        .addEntities(Entity.newBuilder().setEntityType(NAME).setServiceName(ProbeService.NAME))
        .build();
  }

  @Override
  public EntityGateway start(UserEntity entity, EntityContext context) {
    return new EntityGateway() {
      @Override
      public CompletionStage<EntityReply> send(EntityCommand command, Duration timeout) {
        Status failure = failure(command);
        return failure == null
            ? CompletableFuture.completedFuture(echo(command))
            : CompletableFuture.failedFuture(failure.asRuntimeException());
      }

      @Override
      public Source<EntityReply, NotUsed> stream(
          StreamHeader header, Source<EntityCommand, NotUsed> commands, Duration timeout) {
        return commands.flatMapConcat(command -> {
          Probe probe = probe(command.getPayload().getValue());
          Status failure = failure(command);
          Source<EntityReply, NotUsed> replies = Source.repeat(echo(command)).take(probe.getCount() == 0 ? 3 : probe.getCount());
          if (failure == null) {
            return replies;
          }
          // Raised only once the stream is pulled past the replies: a failure overtakes the
          // elements still buffered downstream, and the test wants the replies delivered first.
          return replies.concat(Source.single(failure).map(status -> {
            throw status.asRuntimeException();
          }));
        });
      }
    };
  }

  /** The status the command asks to fail with; null for none (or a command that carries no Probe). */
  private static Status failure(EntityCommand command) {
    if (!command.getPayload().getTypeUrl().endsWith("." + Probe.getDescriptor().getName())) {
      return null;
    }
    String code = probe(command.getPayload().getValue()).getFailWith();
    return code.isEmpty() ? null : Status.fromCode(Status.Code.valueOf(code)).withDescription("failed as asked: " + code);
  }

  /** The command's own message as the reply; an empty type URL is trusted to be the method's output. */
  private static EntityReply echo(EntityCommand command) {
    return EntityReply.newBuilder().setAction(ClientAction.newBuilder().setReply(Reply.newBuilder()
        .setPayload(Any.newBuilder().setValue(command.getPayload().getValue())))).build();
  }

  private static Probe probe(ByteString bytes) {
    try {
      return Probe.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      return Probe.getDefaultInstance();
    }
  }
}
