package io.stateside.proxy.testing;

import akka.NotUsed;
import akka.stream.javadsl.Sink;
import akka.stream.javadsl.Source;
import com.google.protobuf.ByteString;
import io.stateside.example.echo.EchoProto;
import io.stateside.example.echo.Text;
import io.stateside.example.gateway.GatewayProto;
import io.stateside.example.register.AppendRequest;
import io.stateside.example.register.RegisterProto;
import io.stateside.example.register.RegisterValue;
import io.stateside.example.register.SetRequest;
import io.stateside.javasupport.Action;
import io.stateside.javasupport.ActionContext;
import io.stateside.javasupport.ActionEffect;
import io.stateside.javasupport.Metadata;
import io.stateside.javasupport.ServiceCall;
import io.stateside.javasupport.SideEffect;
import io.stateside.javasupport.UserFunction;
import io.stateside.javasupport.UserFunctionServer;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Actions written with the Java support library, beside the {@link JavaRegister} value entity, on
 * a free loopback port: {@code EchoService} in all four call shapes, scripted by the text of each
 * message, and {@code RegisterGateway}, which checks a change and forwards it to the register.
 * It records what the proxy handed it, and which of its streams the proxy cancelled.
 */
public final class JavaActions implements AutoCloseable {

  private final UserFunctionServer server;
  private final List<Set<String>> metadataKeysSeen = new CopyOnWriteArrayList<>();
  private final AtomicInteger streamsCancelled = new AtomicInteger();
  private final AtomicInteger endlessStarted = new AtomicInteger();
  private final AtomicInteger bigProduced = new AtomicInteger();

  private JavaActions() {
    this.server = UserFunction.builder()
        .serviceName("actions")
        .host("127.0.0.1")
        .port(0)
        .register(JavaRegister.definition())
        .register(echo())
        .register(gateway())
        .build()
        .start()
        .toCompletableFuture()
        .join();
  }

  public static JavaActions start() {
    return new JavaActions();
  }

  public int port() {
    return server.port();
  }

  /** The metadata keys of every call the echo action handled, in order. */
  public List<Set<String>> metadataKeysSeen() {
    return List.copyOf(metadataKeysSeen);
  }

  /** Endless streams the proxy cancelled (because their client did). */
  public int streamsCancelled() {
    return streamsCancelled.get();
  }

  public int endlessStarted() {
    return endlessStarted.get();
  }

  /** How many messages the latest "big" stream has produced so far. */
  public int bigProduced() {
    return bigProduced.get();
  }

  @Override
  public void close() {
    server.stop().toCompletableFuture().join();
  }

  /**
   * Say: "fail:why" fails, "silent" answers nothing, "effect:id" / "sync-effect:id" append "x"
   * to register id as a side effect; anything else is echoed, with each {@code x-} request
   * header returned as an {@code echo-x-} response header (and two reserved ones that must not
   * reach the client). Repeat: "count:n" replies 1..n, "even:n" only the even ones, "fail-after:n"
   * fails after n replies, "big:n" n replies of 1 KiB, "endless" never ends. Collect: the
   * x-user header, '|', the texts joined, or no reply if the last text is "silent". Chat: each
   * text echoed, "silent" skipped, "fail" fails.
   */
  private Action echo() {
    return Action.builder(EchoProto.getDescriptor().findServiceByName("EchoService"))
        .onUnary("Say", Text.class, Text.class, this::say)
        .onStreamedOut("Repeat", Text.class, Text.class, this::repeat)
        .onStreamedIn("Collect", Text.class, Text.class, context -> {
          metadataKeysSeen.add(context.metadata().keys());
          return Sink.<String, Text>fold(context.metadata().get("x-user").orElse("") + "|",
                  (joined, text) -> joined + text.getText())
              .mapMaterializedValue(joined -> joined.thenApply(
                  all -> all.endsWith("silent") ? ActionEffect.<Text>noReply() : ActionEffect.reply(text(all))));
        })
        .onStreamed("Chat", Text.class, Text.class, (texts, context) -> texts.map(text -> switch (text.getText()) {
          case "silent" -> ActionEffect.<Text>noReply();
          case "fail" -> ActionEffect.<Text>fail("chat failed on request");
          default -> ActionEffect.reply(text);
        }))
        .build();
  }

  private ActionEffect<Text> say(Text text, ActionContext context) {
    metadataKeysSeen.add(context.metadata().keys());
    String said = text.getText();
    if (said.startsWith("fail:")) {
      return ActionEffect.fail(said.substring("fail:".length()));
    }
    if (said.equals("silent")) {
      return ActionEffect.noReply();
    }
    if (said.startsWith("effect:") || said.startsWith("sync-effect:")) {
      ServiceCall append = ServiceCall.of(RegisterProto.getDescriptor().findServiceByName("RegisterService"), "Append",
          AppendRequest.newBuilder().setRegisterId(said.substring(said.indexOf(':') + 1)).setText("x").build());
      return ActionEffect.reply(text).withSideEffects(new SideEffect(append, said.startsWith("sync-")));
    }
    Metadata reply = Metadata.empty().with("grpc-status", "13").with("content-type", "text/plain");
    for (String key : context.metadata().keys()) {
      if (key.startsWith("x-")) {
        reply = key.endsWith("-bin")
            ? reply.withBinary("echo-" + key, context.metadata().getBinary(key).orElse(ByteString.EMPTY))
            : reply.with("echo-" + key, context.metadata().get(key).orElse(""));
      }
    }
    return ActionEffect.reply(text, reply);
  }

  private Source<ActionEffect<Text>, NotUsed> repeat(Text text, ActionContext context) {
    String[] command = text.getText().split(":");
    return switch (command[0]) {
      case "count" -> numbers(command[1]).map(i -> ActionEffect.reply(text(Integer.toString(i))));
      case "even" -> numbers(command[1]).map(i -> i % 2 == 0 ? ActionEffect.reply(text(Integer.toString(i))) : ActionEffect.<Text>noReply());
      case "fail-after" -> numbers(command[1]).map(i -> ActionEffect.reply(text(Integer.toString(i))))
          .concat(Source.single(ActionEffect.<Text>fail("broke after " + command[1])));
      case "big" -> {
        String padding = "p".repeat(1024);
        yield numbers(command[1]).map(i -> {
          bigProduced.set(i);
          return ActionEffect.reply(text(i + " " + padding));
        });
      }
      case "endless" -> Source.repeat(ActionEffect.reply(text("again")))
          .watchTermination((mat, done) -> {
            endlessStarted.incrementAndGet();
            done.whenComplete((ok, error) -> streamsCancelled.incrementAndGet());
            return mat;
          });
      default -> Source.single(ActionEffect.fail("unknown script " + text.getText()));
    };
  }

  private static Source<Integer, NotUsed> numbers(String upTo) {
    return Source.range(1, Integer.parseInt(upTo));
  }

  /** RegisterGateway.Set: refuses an empty value, forwards the rest to RegisterService.Set. */
  private static Action gateway() {
    return Action.builder(GatewayProto.getDescriptor().findServiceByName("RegisterGateway"))
        .onUnary("Set", SetRequest.class, RegisterValue.class, (set, context) -> set.getValue().isBlank()
            ? ActionEffect.fail("a register's value must not be blank")
            : ActionEffect.forward(ServiceCall.of(RegisterProto.getDescriptor().findServiceByName("RegisterService"), "Set", set)))
        .build();
  }

  private static Text text(String text) {
    return Text.newBuilder().setText(text).build();
  }
}
