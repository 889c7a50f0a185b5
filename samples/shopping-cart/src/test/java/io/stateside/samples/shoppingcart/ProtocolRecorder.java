package io.stateside.samples.shoppingcart;

import akka.NotUsed;
import akka.actor.ActorSystem;
import akka.grpc.GrpcClientSettings;
import akka.grpc.javadsl.ServiceHandler;
import akka.http.javadsl.Http;
import akka.http.javadsl.ServerBinding;
import akka.stream.javadsl.Source;
import com.google.protobuf.Empty;
import io.stateside.protocol.EntityDiscovery;
import io.stateside.protocol.EntityDiscoveryClient;
import io.stateside.protocol.EntityDiscoveryHandlerFactory;
import io.stateside.protocol.EntitySpec;
import io.stateside.protocol.ProxyInfo;
import io.stateside.protocol.UserFunctionError;
import io.stateside.protocol.eventsourced.EventSourced;
import io.stateside.protocol.eventsourced.EventSourcedClient;
import io.stateside.protocol.eventsourced.EventSourcedEvent;
import io.stateside.protocol.eventsourced.EventSourcedHandlerFactory;
import io.stateside.protocol.eventsourced.EventSourcedInit;
import io.stateside.protocol.eventsourced.EventSourcedStreamIn;
import io.stateside.protocol.eventsourced.EventSourcedStreamOut;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Sits between the proxy and the user function, passing every call through unchanged and
 * recording what the proxy sends down each entity stream, so tests can see when an entity was
 * passivated and what it was recovered from.
 */
final class ProtocolRecorder implements EntityDiscovery, EventSourced {

  /** What the proxy sent down one entity stream. */
  static final class RecordedStream {
    private volatile EventSourcedInit init;
    private final List<EventSourcedEvent> events = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Void> ended = new CompletableFuture<>();

    private void record(EventSourcedStreamIn message) {
      if (message.hasInit()) {
        init = message.getInit();
      } else if (message.hasEvent()) {
        events.add(message.getEvent());
      }
    }

    EventSourcedInit init() {
      return init;
    }

    /** The journal events replayed before the first command. */
    List<Long> replayedSequences() {
      return events.stream().map(EventSourcedEvent::getSequence).toList();
    }

    /** Completes when the proxy closes the stream, as it does on passivation. */
    CompletableFuture<Void> ended() {
      return ended;
    }
  }

  private final EntityDiscoveryClient discovery;
  private final EventSourcedClient eventSourced;
  private final ConcurrentLinkedQueue<RecordedStream> streams = new ConcurrentLinkedQueue<>();
  private ServerBinding binding;

  private ProtocolRecorder(ActorSystem system, int userFunctionPort) {
    GrpcClientSettings userFunction =
        GrpcClientSettings.connectToServiceAt("127.0.0.1", userFunctionPort, system).withTls(false);
    discovery = EntityDiscoveryClient.create(userFunction, system);
    eventSourced = EventSourcedClient.create(userFunction, system);
  }

  /** Serves the recorder on a free loopback port, relaying to the user function's port. */
  static ProtocolRecorder start(ActorSystem system, int userFunctionPort) {
    ProtocolRecorder recorder = new ProtocolRecorder(system, userFunctionPort);
    @SuppressWarnings("unchecked")
    akka.japi.function.Function<akka.http.javadsl.model.HttpRequest, CompletionStage<akka.http.javadsl.model.HttpResponse>>
        routes = ServiceHandler.concatOrNotFound(
            EntityDiscoveryHandlerFactory.partial(recorder, EntityDiscovery.name, system),
            EventSourcedHandlerFactory.partial(recorder, EventSourced.name, system));
    recorder.binding = Http.get(system).newServerAt("127.0.0.1", 0).bind(routes).toCompletableFuture().join();
    return recorder;
  }

  int port() {
    return binding.localAddress().getPort();
  }

  /** The streams of one entity, oldest first. */
  List<RecordedStream> streamsOf(String entityId) {
    return streams.stream()
        .filter(stream -> stream.init() != null && stream.init().getEntityId().equals(entityId))
        .toList();
  }

  @Override
  public CompletionStage<EntitySpec> discover(ProxyInfo proxy) {
    return discovery.discover(proxy);
  }

  @Override
  public CompletionStage<Empty> reportError(UserFunctionError error) {
    return discovery.reportError(error);
  }

  @Override
  public Source<EventSourcedStreamOut, NotUsed> handle(Source<EventSourcedStreamIn, NotUsed> in) {
    RecordedStream stream = new RecordedStream();
    streams.add(stream);
    Source<EventSourcedStreamIn, NotUsed> recorded = in
        .map(message -> {
          stream.record(message);
          return message;
        })
        .watchTermination((notUsed, done) -> {
          done.whenComplete((result, error) -> stream.ended.complete(null));
          return notUsed;
        });
    return eventSourced.handle(recorded);
  }
}
