package io.stateside.bench.userfunction;

import akka.NotUsed;
import akka.actor.ActorSystem;
import akka.grpc.javadsl.ServiceHandler;
import akka.http.javadsl.Http;
import akka.http.javadsl.ServerBinding;
import akka.stream.javadsl.Source;
import com.google.protobuf.Any;
import com.google.protobuf.Empty;
import com.google.protobuf.InvalidProtocolBufferException;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.stateside.example.crdtcounter.CounterValue;
import io.stateside.example.crdtcounter.CrdtCounterProto;
import io.stateside.example.crdtcounter.CrdtCounterService;
import io.stateside.example.crdtcounter.IncrementRequest;
import io.stateside.javasupport.FileDescriptorSets;
import io.stateside.protocol.ClientAction;
import io.stateside.protocol.Command;
import io.stateside.protocol.Entity;
import io.stateside.protocol.EntityDiscovery;
import io.stateside.protocol.EntityDiscoveryHandlerFactory;
import io.stateside.protocol.EntitySpec;
import io.stateside.protocol.Failure;
import io.stateside.protocol.ProxyInfo;
import io.stateside.protocol.Reply;
import io.stateside.protocol.ServiceInfo;
import io.stateside.protocol.UserFunctionError;
import io.stateside.protocol.crdt.Crdt;
import io.stateside.protocol.crdt.CrdtDelta;
import io.stateside.protocol.crdt.CrdtHandlerFactory;
import io.stateside.protocol.crdt.CrdtReply;
import io.stateside.protocol.crdt.CrdtStateAction;
import io.stateside.protocol.crdt.CrdtStreamIn;
import io.stateside.protocol.crdt.CrdtStreamOut;
import io.stateside.protocol.crdt.CrdtWriteConsistency;
import io.stateside.protocol.crdt.GCounterDelta;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The benchmark's CRDT user function, written straight against the {@code cloudstate.crdt}
 * protocol so its figures hold no support library's costs:
 * {@code stateside.example.crdtcounter.CrdtCounterService}, a GCounter that each Increment raises
 * with the write consistency its caller asks for, on {@code HOST}:{@code PORT}. Increment and Get
 * only; the benchmark sends nothing else.
 */
public final class BenchCrdtUserFunction implements EntityDiscovery, Crdt {

  private static final String VALUE_TYPE_URL = "type.googleapis.com/" + CounterValue.getDescriptor().getFullName();

  public static void main(String[] args) {
    Map<String, String> environment = System.getenv();
    start(ActorSystem.create("bench-crdt-user-function", config()),
        environment.getOrDefault("HOST", "127.0.0.1"), Integer.parseInt(environment.getOrDefault("PORT", "8080")));
  }

  /** What the user function's actor system needs, over the configuration on the class path. */
  public static Config config() {
    return ConfigFactory.parseMap(Map.of(
        // The proxy holds one stream per active counter on few connections.
        "akka.http.server.http2.max-concurrent-streams", 100_000,
        "akka.http.server.idle-timeout", "infinite",
        "akka.http.server.preview.enable-http2", "on")).withFallback(ConfigFactory.load());
  }

  /** Serves the user function on {@code host}:{@code port} (0: a free port) until the system stops. */
  public static ServerBinding start(ActorSystem system, String host, int port) {
    BenchCrdtUserFunction function = new BenchCrdtUserFunction();
    return Http.get(system)
        .newServerAt(host, port)
        .bind(ServiceHandler.concatOrNotFound(
            EntityDiscoveryHandlerFactory.partial(function, EntityDiscovery.name, system),
            CrdtHandlerFactory.partial(function, Crdt.name, system)))
        .toCompletableFuture().join();
  }

  @Override
  public CompletionStage<EntitySpec> discover(ProxyInfo in) {
    return CompletableFuture.completedFuture(EntitySpec.newBuilder()
        .setProto(FileDescriptorSets.withImports(List.of(CrdtCounterProto.getDescriptor())).toByteString())
        .addEntities(Entity.newBuilder().setEntityType(Crdt.name).setServiceName(CrdtCounterService.name))
        .setServiceInfo(ServiceInfo.newBuilder()
            .setServiceName("stateside-bench-crdt")
            .setSupportLibraryName("stateside-bench")
            .setProtocolMajorVersion(0)
            .setProtocolMinorVersion(2))
        .build());
  }

  @Override
  public CompletionStage<Empty> reportError(UserFunctionError in) {
    System.err.println("The proxy reported: " + in.getMessage());
    return CompletableFuture.completedFuture(Empty.getDefaultInstance());
  }

  @Override
  public Source<CrdtStreamOut, NotUsed> handle(Source<CrdtStreamIn, NotUsed> in) {
    Counter counter = new Counter();
    return in.mapConcat(counter::onMessage);
  }

  /** One counter's stream: its value as this node's replica last told it, plus its own increments. */
  private static final class Counter {
    private long value;

    List<CrdtStreamOut> onMessage(CrdtStreamIn message) throws InvalidProtocolBufferException {
      return switch (message.getMessageCase()) {
        case INIT -> {
          value = message.getInit().getDelta().getGcounter().getIncrement();
          yield List.of();
        }
        case DELTA -> {
          value += message.getDelta().getGcounter().getIncrement();
          yield List.of();
        }
        case COMMAND -> List.of(onCommand(message.getCommand()));
        default -> List.of();
      };
    }

    private CrdtStreamOut onCommand(Command command) throws InvalidProtocolBufferException {
      CrdtReply.Builder reply = CrdtReply.newBuilder().setCommandId(command.getId());
      switch (command.getName()) {
        case "Increment" -> {
          IncrementRequest increment = command.getPayload().unpack(IncrementRequest.class);
          value += increment.getBy();
          reply.setStateAction(CrdtStateAction.newBuilder()
              .setUpdate(CrdtDelta.newBuilder().setGcounter(GCounterDelta.newBuilder().setIncrement(increment.getBy())))
              .setWriteConsistency(CrdtWriteConsistency.forNumber(increment.getConsistencyValue())));
        }
        case "Get" -> { }
        default -> {
          return CrdtStreamOut.newBuilder().setFailure(Failure.newBuilder().setCommandId(command.getId())
              .setDescription("the benchmark's counter has no " + command.getName())).build();
        }
      }
      Any payload = Any.newBuilder().setTypeUrl(VALUE_TYPE_URL)
          .setValue(CounterValue.newBuilder().setValue(value).build().toByteString()).build();
      return CrdtStreamOut.newBuilder()
          .setReply(reply.setClientAction(ClientAction.newBuilder().setReply(Reply.newBuilder().setPayload(payload))))
          .build();
    }
  }
}
