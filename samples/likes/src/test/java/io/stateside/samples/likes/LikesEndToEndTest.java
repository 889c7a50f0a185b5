package io.stateside.samples.likes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import akka.actor.ActorSystem;
import akka.grpc.GrpcClientSettings;
import akka.stream.javadsl.Sink;
import akka.stream.javadsl.SinkQueueWithCancel;
import com.typesafe.config.ConfigFactory;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.stateside.javasupport.UserFunction;
import io.stateside.javasupport.UserFunctionServer;
import io.stateside.proxy.StatesideProxy;
import io.stateside.proxy.testing.ProxyHarness;
import io.stateside.samples.likes.api.GetLikesRequest;
import io.stateside.samples.likes.api.LikeRequest;
import io.stateside.samples.likes.api.Likes;
import io.stateside.samples.likes.api.LikesServiceClient;
import io.stateside.samples.likes.api.UnlikeRequest;
import io.stateside.samples.likes.api.WatchLikesRequest;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The sample behind the real proxy (one node), called by a gRPC client as any application would. */
class LikesEndToEndTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private static UserFunctionServer userFunction;
  private static StatesideProxy proxy;
  private static ActorSystem clientSystem;
  private static LikesServiceClient likes;

  @BeforeAll
  static void start() {
    userFunction = await(UserFunction.builder()
        .serviceName("likes-test")
        .host("127.0.0.1")
        .port(0)
        .register(LikesEntity.definition())
        .build()
        .start());
    proxy = ProxyHarness.start(userFunction.port());
    clientSystem = ActorSystem.create("likes-client", ConfigFactory.parseString("akka.actor.provider = local")
        .withFallback(ConfigFactory.load()));
    likes = LikesServiceClient.create(
        GrpcClientSettings.connectToServiceAt("127.0.0.1", proxy.httpPort(), clientSystem)
            .withTls(false)
            .withDeadline(Duration.ofSeconds(20)),
        clientSystem);
  }

  @AfterAll
  static void stop() {
    await(likes.close());
    ProxyHarness.stop(proxy);
    clientSystem.terminate();
    await(clientSystem.getWhenTerminated());
    await(userFunction.stop());
  }

  private static <T> T await(CompletionStage<T> stage) {
    try {
      return stage.toCompletableFuture().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException(e.getCause());
    } catch (Exception e) {
      throw new AssertionError("Nothing happened within " + TIMEOUT, e);
    }
  }

  private static Likes like(String item, String user) {
    return await(likes.like(LikeRequest.newBuilder().setItemId(item).setUserId(user).build()));
  }

  private static Likes get(String item) {
    return await(likes.getLikes(GetLikesRequest.newBuilder().setItemId(item).build()));
  }

  private static Likes of(String... users) {
    return Likes.newBuilder().setCount(users.length).addAllUserIds(List.of(users)).build();
  }

  @Test
  void eachUserLikesAnItemOnce() {
    like("book", "zoe");
    like("book", "amy");
    assertEquals(of("amy", "zoe"), like("book", "zoe"));

    assertEquals(of("amy", "zoe"), get("book"));
    assertEquals(of(), get("film"));
  }

  @Test
  void anUnlikeTakesTheLikeBack() {
    like("song", "bea");
    like("song", "cal");

    assertEquals(of("cal"), await(likes.unlike(UnlikeRequest.newBuilder().setItemId("song").setUserId("bea").build())));
    assertEquals(of("cal"), get("song"));
  }

  @Test
  void aLikeWithoutUserIsRefusedWithItsReason() {
    Status status = assertThrows(StatusRuntimeException.class, () -> like("lamp", " ")).getStatus();

    assertEquals(Status.Code.UNKNOWN, status.getCode());
    assertEquals("A like needs a user id.", status.getDescription());
    assertEquals(of(), get("lamp"));
  }

  @Test
  void aWatcherSeesTheLikesNowAndAfterEveryChangeUntilItCancels() {
    like("poem", "dan");
    SinkQueueWithCancel<Likes> watch = likes.watchLikes(WatchLikesRequest.newBuilder().setItemId("poem").build())
        .runWith(Sink.queue(), clientSystem);
    // The first message is the answer to the call itself: from then on it hears of every change.
    assertEquals(Optional.of(of("dan")), await(watch.pull()));

    like("poem", "eve");
    assertEquals(Optional.of(of("dan", "eve")), await(watch.pull()));
    await(likes.unlike(UnlikeRequest.newBuilder().setItemId("poem").setUserId("dan").build()));
    assertEquals(Optional.of(of("eve")), await(watch.pull()));

    watch.cancel();
    assertEquals(of("eve", "fin"), like("poem", "fin"));
  }
}
