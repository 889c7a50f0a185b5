package io.stateside.tck.scenario;

import akka.NotUsed;
import akka.actor.ClassicActorSystemProvider;
import akka.grpc.GrpcClientSettings;
import akka.grpc.javadsl.AkkaGrpcClient;
import akka.stream.Materializer;
import akka.stream.javadsl.Source;
import io.stateside.protocol.EntityDiscoveryClient;
import io.stateside.protocol.EntitySpec;
import io.stateside.protocol.action.ActionCommand;
import io.stateside.protocol.action.ActionProtocolClient;
import io.stateside.protocol.action.ActionResponse;
import io.stateside.protocol.crdt.CrdtStreamIn;
import io.stateside.protocol.crdt.CrdtStreamOut;
import io.stateside.protocol.eventsourced.EventSourcedStreamIn;
import io.stateside.protocol.eventsourced.EventSourcedStreamOut;
import io.stateside.protocol.valueentity.ValueEntityStreamIn;
import io.stateside.protocol.valueentity.ValueEntityStreamOut;
import io.stateside.tck.interceptor.ScenarioTraffic;
import io.stateside.tck.protocol.ProtocolStream;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.function.BiFunction;
import java.util.function.Function;

/** What a scenario works with: the user function, the proxy, and the traffic between them. */
public interface TckContext {

  /** How long any single expectation waits. */
  Duration timeout();

  /** An entity id no other scenario of this run (or of an earlier run on the same journal) uses. */
  String newEntityId();

  /**
   * As {@link #newEntityId()}, starting with {@code prefix} and a {@code -}: for models whose
   * entities read their kind from the id, as the CRDT model does.
   */
  String newEntityId(String prefix);

  /** What the user function answers at discovery, asked directly by the TCK. */
  EntitySpec declaredSpec();

  /** A discovery client connected straight to the user function. */
  EntityDiscoveryClient userFunctionDiscovery();

  /** Opens an event-sourced entity stream straight to the user function, as a proxy would. */
  ProtocolStream<EventSourcedStreamIn, EventSourcedStreamOut> connectEventSourced();

  /** Opens a value entity stream straight to the user function, as a proxy would. */
  ProtocolStream<ValueEntityStreamIn, ValueEntityStreamOut> connectValueEntity();

  /** Opens a CRDT entity stream straight to the user function, as a proxy would. */
  ProtocolStream<CrdtStreamIn, CrdtStreamOut> connectCrdt();

  /** The user function's {@code ActionProtocol}, called straight as a proxy would. */
  ActionProtocolClient userFunctionActions();

  /**
   * Opens a streamed action call straight to the user function.
   *
   * @param call what the TCK's messages become, for example {@code userFunctionActions()::handleStreamed}
   */
  ProtocolStream<ActionCommand, ActionResponse> connectAction(
      Function<Source<ActionCommand, NotUsed>, Source<ActionResponse, NotUsed>> call);

  /**
   * What crossed between the proxy and the user function, seen from this scenario.
   *
   * @throws NotApplicable when the run has no proxy
   */
  ScenarioTraffic traffic();

  /**
   * A gRPC client of the proxy's frontend, created once per run.
   *
   * @throws NotApplicable when the run has no proxy
   */
  <T extends AkkaGrpcClient> T proxyClient(
      Class<T> type, BiFunction<GrpcClientSettings, ClassicActorSystemProvider, T> create);

  /** Runs the streams of streamed calls (to collect what a proxy streams back). */
  Materializer materializer();

  /** Waits for a call's outcome, at most {@link #timeout()}; its failure is rethrown unwrapped. */
  <T> T await(CompletionStage<T> stage) throws Exception;
}
