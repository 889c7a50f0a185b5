package io.stateside.samples.userprofile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import akka.actor.ActorSystem;
import akka.grpc.GrpcClientSettings;
import com.google.protobuf.Empty;
import com.typesafe.config.ConfigFactory;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.stateside.javasupport.UserFunction;
import io.stateside.javasupport.UserFunctionServer;
import io.stateside.proxy.StatesideProxy;
import io.stateside.proxy.testing.ProxyHarness;
import io.stateside.samples.userprofile.api.ChangeEmailRequest;
import io.stateside.samples.userprofile.api.ChangeNameRequest;
import io.stateside.samples.userprofile.api.DeleteProfileRequest;
import io.stateside.samples.userprofile.api.GetProfileRequest;
import io.stateside.samples.userprofile.api.Profile;
import io.stateside.samples.userprofile.api.UserProfileServiceClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The sample behind the real proxy (in-memory store), called by a gRPC client as any application would. */
class UserProfileEndToEndTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  /** Short, so that a test can outwait it. */
  private static final Duration PASSIVATION = Duration.ofMillis(500);

  private static UserFunctionServer userFunction;
  private static StatesideProxy proxy;
  private static ActorSystem clientSystem;
  private static UserProfileServiceClient profiles;

  @BeforeAll
  static void start() {
    userFunction = await(UserFunction.builder()
        .serviceName("user-profile-test")
        .host("127.0.0.1")
        .port(0)
        .register(UserProfileEntity.definition(PASSIVATION))
        .build()
        .start());
    proxy = ProxyHarness.start(userFunction.port());
    clientSystem = ActorSystem.create("profile-client", ConfigFactory.parseString("akka.actor.provider = local")
        .withFallback(ConfigFactory.load()));
    profiles = UserProfileServiceClient.create(
        GrpcClientSettings.connectToServiceAt("127.0.0.1", proxy.httpPort(), clientSystem)
            .withTls(false)
            .withDeadline(Duration.ofSeconds(20)),
        clientSystem);
  }

  @AfterAll
  static void stop() {
    await(profiles.close());
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

  private static Profile rename(String user, String name) {
    return await(profiles.changeName(ChangeNameRequest.newBuilder().setUserId(user).setName(name).build()));
  }

  private static Profile get(String user) {
    return await(profiles.getProfile(GetProfileRequest.newBuilder().setUserId(user).build()));
  }

  private static Status statusOf(Runnable call) {
    return assertThrows(StatusRuntimeException.class, call::run).getStatus();
  }

  @Test
  void aProfileKeepsItsChanges() {
    rename("erin", "Erin");
    await(profiles.changeEmail(ChangeEmailRequest.newBuilder().setUserId("erin").setEmail("erin@example.com").build()));

    assertEquals(Profile.newBuilder().setName("Erin").setEmail("erin@example.com").setRevision(2).build(), get("erin"));
    assertEquals(Profile.getDefaultInstance(), get("someone-else"));
  }

  @Test
  void theStateOutlivesTheEntitysPassivation() throws Exception {
    rename("fay", "Fay");
    Thread.sleep(PASSIVATION.multipliedBy(4).toMillis());

    assertEquals(Profile.newBuilder().setName("Fay").setRevision(1).build(), get("fay"));
  }

  @Test
  void aDeletedProfileReadsAsEmptyAfterPassivationToo() throws Exception {
    rename("gus", "Gus");
    assertEquals(Empty.getDefaultInstance(), await(profiles.deleteProfile(DeleteProfileRequest.newBuilder().setUserId("gus").build())));
    assertEquals(Profile.getDefaultInstance(), get("gus"));

    Thread.sleep(PASSIVATION.multipliedBy(4).toMillis());
    assertEquals(Profile.getDefaultInstance(), get("gus"));
    assertEquals(1, rename("gus", "Gus again").getRevision());
  }

  @Test
  void refusedChangesReachTheClientAsUnknownWithTheirReason() {
    rename("hal", "Hal");

    Status status = statusOf(() -> rename("hal", " "));
    assertEquals(Status.Code.UNKNOWN, status.getCode());
    assertEquals("A name must not be blank.", status.getDescription());
    assertEquals(1, get("hal").getRevision());
  }

  @Test
  void aRequestWithoutUserIdIsInvalid() {
    assertEquals(Status.Code.INVALID_ARGUMENT, statusOf(() -> get("")).getCode());
  }

  @Test
  void concurrentChangesToOneProfileAreAllApplied() {
    List<CompletableFuture<Profile>> calls = IntStream.range(0, 20)
        .mapToObj(i -> profiles.changeName(ChangeNameRequest.newBuilder().setUserId("ivy").setName("Ivy " + i).build())
            .toCompletableFuture())
        .toList();
    calls.forEach(UserProfileEndToEndTest::await);

    assertEquals(20, get("ivy").getRevision());
  }
}
