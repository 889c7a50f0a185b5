package io.stateside.proxy.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import akka.NotUsed;
import akka.actor.ActorSystem;
import akka.grpc.GrpcClientSettings;
import akka.stream.javadsl.Sink;
import akka.stream.javadsl.Source;
import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.typesafe.config.ConfigFactory;
import io.stateside.example.counter.CounterServiceClient;
import io.stateside.example.counter.IncreaseRequest;
import io.stateside.example.echo.EchoProto;
import io.stateside.example.echo.EchoService;
import io.stateside.example.echo.EchoServiceClient;
import io.stateside.example.echo.Text;
import io.stateside.protocol.ClientAction;
import io.stateside.protocol.Entity;
import io.stateside.protocol.EntitySpec;
import io.stateside.protocol.Reply;
import io.stateside.protocol.internal.EntityCommand;
import io.stateside.protocol.internal.EntityReply;
import io.stateside.proxy.StatesideProxy;
import io.stateside.proxy.testing.CounterUserFunction;
import io.stateside.proxy.testing.ProxyHarness;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A kind the core has never heard of, plugged in from outside: unkeyed, serving all four call
 * shapes through the real frontend, while the standard kinds keep working beside it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KindPlugInTest {

  /** Answers in the proxy itself: each command's text, echoed; no user function involved. */
  static final class EchoKind implements EntityKind {
    static final String NAME = "stateside.test.Echo";
    final List<EntityCommand> seen = new CopyOnWriteArrayList<>();

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

        /** Repeat answers three times, Collect once for all, the others one by one. */
        @Override
        public Source<EntityReply, NotUsed> stream(
            StreamHeader header, Source<EntityCommand, NotUsed> commands, Duration timeout) {
          return switch (header.methodName()) {
            case "Repeat" -> commands.reduce((only, extra) -> only)
                .flatMapConcat(only -> Source.repeat(reply(text(only.getPayload()))).take(3));
            case "Collect" -> commands.fold("", (joined, command) -> joined + text(command.getPayload())).map(KindPlugInTest::reply);
            default -> EntityGateway.super.stream(header, commands, timeout);
          };
        }
      };
    }
  }

  private final EchoKind echo = new EchoKind();
  private ActorSystem userSide;
  private CounterUserFunction userFunction;
  private StatesideProxy proxy;
  private EchoServiceClient client;

  @BeforeAll
  void start() {
    userSide = ProxyHarness.userSideSystem();
    userFunction = CounterUserFunction.start(userSide, CounterUserFunction.Options.defaults().withSpec(KindPlugInTest::withEcho));
    List<EntityKind> kinds = new ArrayList<>(StatesideProxy.standardKinds());
    kinds.add(echo);
    proxy = StatesideProxy.start(ProxyHarness.config(userFunction.port(), ConfigFactory.empty()), kinds)
        .toCompletableFuture().join();
    client = EchoServiceClient.create(
        GrpcClientSettings.connectToServiceAt("127.0.0.1", proxy.httpPort(), userSide)
            .withTls(false)
            .withDeadline(Duration.ofSeconds(20)),
        userSide);
  }

  /** The counter's spec, plus the echo service declared with the test kind, without a persistence id. */
  private static EntitySpec withEcho(EntitySpec spec) {
    return spec.toBuilder()
        .setProto(CounterUserFunction.descriptorSet(EchoProto.getDescriptor()).toBuilder()
            .addAllFile(parse(spec.getProto()).getFileList()).build().toByteString())
        .addEntities(Entity.newBuilder().setEntityType(EchoKind.NAME).setServiceName(EchoService.name))
        .build();
  }

  private static com.google.protobuf.DescriptorProtos.FileDescriptorSet parse(ByteString bytes) {
    try {
      return com.google.protobuf.DescriptorProtos.FileDescriptorSet.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException(e);
    }
  }

  @AfterAll
  void stop() {
    client.close();
    ProxyHarness.stop(proxy);
    userFunction.close();
    userSide.terminate();
  }

  private static Text text(String text) {
    return Text.newBuilder().setText(text).build();
  }

  private static String text(Any payload) {
    try {
      return Text.parseFrom(payload.getValue()).getText();
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException(e);
    }
  }

  static EntityReply reply(String text) {
    return EntityReply.newBuilder().setAction(ClientAction.newBuilder().setReply(Reply.newBuilder()
        .setPayload(Any.pack(text(text))))).build();
  }

  private static <T> T join(CompletionStage<T> stage) {
    return stage.toCompletableFuture().join();
  }

  @Test
  void aUnaryCallOfAnUnkeyedKindCarriesNoEntityId() {
    assertEquals(text("hello"), join(client.say(text("hello"))));
    EntityCommand command = echo.seen.get(echo.seen.size() - 1);
    assertEquals("", command.getEntityId());
    assertEquals("Say", command.getName());
  }

  @Test
  void aServerStreamingCallGetsEveryReplyTheKindStreams() {
    assertEquals(List.of(text("ho"), text("ho"), text("ho")), join(client.repeat(text("ho")).runWith(Sink.seq(), userSide)));
  }

  @Test
  void aClientStreamingCallGetsTheOneReplyForAllItsMessages() {
    assertEquals(text("abc"), join(client.collect(Source.from(List.of(text("a"), text("b"), text("c"))))));
  }

  @Test
  void aBidirectionalCallIsAnsweredMessageByMessageInOrder() {
    List<Text> said = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      said.add(text("m" + i));
    }
    assertEquals(said, join(client.chat(Source.from(said)).runWith(Sink.seq(), userSide)));
  }

  @Test
  void theStandardKindsKeepWorkingBesideIt() {
    CounterServiceClient counter = ProxyHarness.counterClient(proxy, userSide);
    try {
      assertEquals(2, join(counter.increase(IncreaseRequest.newBuilder().setCounterId("beside-echo").setBy(2).build()))
          .getValue());
    } finally {
      counter.close();
    }
  }
}
