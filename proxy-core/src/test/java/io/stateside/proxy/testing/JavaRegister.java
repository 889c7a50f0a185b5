package io.stateside.proxy.testing;

import io.stateside.example.register.AppendRequest;
import io.stateside.example.register.ClearRequest;
import io.stateside.example.register.GetRequest;
import io.stateside.example.register.RegisterProto;
import io.stateside.example.register.RegisterValue;
import io.stateside.example.register.SetRequest;
import io.stateside.javasupport.UserFunction;
import io.stateside.javasupport.UserFunctionServer;
import io.stateside.javasupport.ValueEffect;
import io.stateside.javasupport.ValueEntity;

/**
 * The register of {@code stateside.example.register} written with the Java support library, as
 * a user writes a value entity, served on a free loopback port. The store tests run
 * {@link RegisterScenarios} against it; {@link RegisterUserFunction} is the same register written
 * against the protocol, for tests that script the user function's side.
 */
public final class JavaRegister implements AutoCloseable {

  private final UserFunctionServer server;

  private JavaRegister(UserFunctionServer server) {
    this.server = server;
  }

  public static JavaRegister start() {
    return new JavaRegister(UserFunction.builder()
        .serviceName("register")
        .host("127.0.0.1")
        .port(0)
        .register(definition())
        .build()
        .start()
        .toCompletableFuture()
        .join());
  }

  static ValueEntity<RegisterValue> definition() {
    return ValueEntity.builder(RegisterProto.getDescriptor().findServiceByName("RegisterService"),
            RegisterUserFunction.PERSISTENCE_ID, RegisterValue.getDefaultInstance())
        .onCommand("Set", SetRequest.class, RegisterValue.class,
            (state, set, context) -> changed(state, set.getValue()))
        .onCommand("Append", AppendRequest.class, RegisterValue.class,
            (state, append, context) -> changed(state, state.getValue() + append.getText()))
        .onCommand("Get", GetRequest.class, RegisterValue.class, (state, get, context) -> ValueEffect.reply(state))
        .onCommand("Clear", ClearRequest.class, RegisterValue.class,
            (state, clear, context) -> ValueEffect.delete().thenReply(RegisterValue.getDefaultInstance()))
        .build();
  }

  private static ValueEffect<RegisterValue> changed(RegisterValue state, String value) {
    RegisterValue next = RegisterValue.newBuilder().setValue(value).setChanges(state.getChanges() + 1).build();
    return ValueEffect.update(next).thenReply(next);
  }

  public int port() {
    return server.port();
  }

  @Override
  public void close() {
    server.stop().toCompletableFuture().join();
  }
}
