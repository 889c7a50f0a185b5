package io.stateside.proxy.entity;

import static io.stateside.proxy.testing.EchoKind.text;
import static org.junit.jupiter.api.Assertions.assertEquals;

import akka.grpc.GrpcClientSettings;
import akka.stream.javadsl.Sink;
import akka.stream.javadsl.Source;
import io.stateside.example.counter.IncreaseRequest;
import io.stateside.example.echo.EchoServiceClient;
import io.stateside.example.echo.Text;
import io.stateside.protocol.internal.EntityCommand;
import io.stateside.proxy.testing.CounterUserFunction;
import io.stateside.proxy.testing.EchoKind;
import io.stateside.proxy.testing.ProxyFixture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
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

  private final EchoKind echo = new EchoKind();
  private ProxyFixture fixture;
  private EchoServiceClient client;

  @BeforeAll
  void start() {
    fixture = ProxyFixture.startWith(echo,
        CounterUserFunction.Options.defaults().withSpec(EchoKind::declaredBeside), Map.of());
    client = EchoServiceClient.create(
        GrpcClientSettings.connectToServiceAt("127.0.0.1", fixture.proxy().httpPort(), fixture.userSide())
            .withTls(false)
            .withDeadline(Duration.ofSeconds(20)),
        fixture.userSide());
  }

  @AfterAll
  void stop() {
    client.close();
    fixture.close();
  }

  private static <T> T join(CompletionStage<T> stage) {
    return stage.toCompletableFuture().join();
  }

  @Test
  void aUnaryCallOfAnUnkeyedKindCarriesNoEntityId() {
    assertEquals(text("hello"), join(client.say(text("hello"))));
    EntityCommand command = echo.seen().get(echo.seen().size() - 1);
    assertEquals("", command.getEntityId());
    assertEquals("Say", command.getName());
  }

  @Test
  void aServerStreamingCallGetsEveryReplyTheKindStreams() {
    assertEquals(List.of(text("ho"), text("ho"), text("ho")), join(client.repeat(text("ho")).runWith(Sink.seq(), fixture.userSide())));
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
    assertEquals(said, join(client.chat(Source.from(said)).runWith(Sink.seq(), fixture.userSide())));
  }

  @Test
  void theStandardKindsKeepWorkingBesideIt() {
    assertEquals(2, join(fixture.client().increase(IncreaseRequest.newBuilder().setCounterId("beside-echo").setBy(2).build()))
        .getValue());
  }
}
