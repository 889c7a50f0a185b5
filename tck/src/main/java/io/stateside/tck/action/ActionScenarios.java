package io.stateside.tck.action;

import static io.stateside.tck.action.ActionModel.SERVICE;
import static io.stateside.tck.action.ActionModel.TWO;
import static io.stateside.tck.action.ActionModel.command;
import static io.stateside.tck.action.ActionModel.concat;
import static io.stateside.tck.action.ActionModel.failWith;
import static io.stateside.tck.action.ActionModel.failure;
import static io.stateside.tck.action.ActionModel.forwardTo;
import static io.stateside.tck.action.ActionModel.forwarded;
import static io.stateside.tck.action.ActionModel.group;
import static io.stateside.tck.action.ActionModel.next;
import static io.stateside.tck.action.ActionModel.noReply;
import static io.stateside.tck.action.ActionModel.opening;
import static io.stateside.tck.action.ActionModel.reply;
import static io.stateside.tck.action.ActionModel.replyWith;
import static io.stateside.tck.action.ActionModel.request;
import static io.stateside.tck.action.ActionModel.response;
import static io.stateside.tck.action.ActionModel.sideEffectTo;
import static io.stateside.tck.action.ActionModel.sideEffects;
import static io.stateside.tck.action.ActionModel.single;
import static io.stateside.tck.action.ActionModel.synchronousSideEffects;

import akka.stream.javadsl.Sink;
import akka.stream.javadsl.Source;
import io.grpc.Status;
import io.stateside.protocol.action.ActionCommand;
import io.stateside.protocol.action.ActionResponse;
import io.stateside.tck.interceptor.Interceptor;
import io.stateside.tck.model.action.ActionTckModelClient;
import io.stateside.tck.model.action.Request;
import io.stateside.tck.model.action.Response;
import io.stateside.tck.protocol.Payloads;
import io.stateside.tck.protocol.ProtocolStream;
import io.stateside.tck.scenario.Expect;
import io.stateside.tck.scenario.Scenario;
import io.stateside.tck.scenario.ScenarioGroup;
import io.stateside.tck.scenario.Specs;
import io.stateside.tck.scenario.TckContext;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Actions, with the {@code cloudstate.tck.model.action} model: the user function driven directly
 * over {@code ActionProtocol}, in each of its four call shapes (every action scenario of
 * Cloudstate's TCK), then the proxy driven by a client and watched through the interceptor.
 */
public final class ActionScenarios implements ScenarioGroup {

  private static final List<String> MODEL = List.of(SERVICE, TWO);
  private static final String UNARY = "ProcessUnary";
  private static final String STREAMED_IN = "ProcessStreamedIn";
  private static final String STREAMED_OUT = "ProcessStreamedOut";
  private static final String STREAMED = "ProcessStreamed";

  /** The group's id, to select it with. */
  public static final String ID = "action";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String name() {
    return "actions";
  }

  @Override
  public List<Scenario> scenarios() {
    List<Scenario> scenarios = new ArrayList<>();
    scenarios.add(Scenario.userFunction("declares the TCK model actions", MODEL, ActionScenarios::declaresModel));
    unary(scenarios, "unary reply", single(replyWith("one")), reply(response("one")));
    unary(scenarios, "unary reply with side effect", single(replyWith("two"), sideEffectTo("other")),
        reply(response("two"), sideEffects("other")));
    unary(scenarios, "unary reply with synchronous side effect", single(replyWith("three"), sideEffectTo("another", true)),
        reply(response("three"), synchronousSideEffects("another")));
    unary(scenarios, "unary reply with multiple side effects",
        single(replyWith("four"), sideEffectTo("a"), sideEffectTo("b"), sideEffectTo("c")),
        reply(response("four"), sideEffects("a", "b", "c")));
    unary(scenarios, "unary no reply", single(), noReply());
    unary(scenarios, "unary no reply with side effect", single(sideEffectTo("other")), noReply(sideEffects("other")));
    unary(scenarios, "unary no reply with synchronous side effect", single(sideEffectTo("another", true)),
        noReply(synchronousSideEffects("another")));
    unary(scenarios, "unary no reply with multiple side effects",
        single(sideEffectTo("a"), sideEffectTo("b"), sideEffectTo("c")), noReply(sideEffects("a", "b", "c")));
    unary(scenarios, "unary forward", single(forwardTo("one")), forwarded("one"));
    unary(scenarios, "unary forward with side effect", single(forwardTo("two"), sideEffectTo("other")),
        forwarded("two", sideEffects("other")));
    unary(scenarios, "unary forward with synchronous side effect", single(forwardTo("three"), sideEffectTo("another", true)),
        forwarded("three", synchronousSideEffects("another")));
    unary(scenarios, "unary forward with multiple side effects",
        single(forwardTo("four"), sideEffectTo("a"), sideEffectTo("b"), sideEffectTo("c")),
        forwarded("four", sideEffects("a", "b", "c")));
    unary(scenarios, "unary failure", single(failWith("one")), failure("one"));
    unary(scenarios, "unary failure with side effect", single(failWith("two"), sideEffectTo("other")),
        failure("two", sideEffects("other")));
    unary(scenarios, "unary failure with synchronous side effect", single(failWith("three"), sideEffectTo("another", true)),
        failure("three", synchronousSideEffects("another")));
    unary(scenarios, "unary failure with multiple side effects",
        single(failWith("four"), sideEffectTo("a"), sideEffectTo("b"), sideEffectTo("c")),
        failure("four", sideEffects("a", "b", "c")));

    List<Request> threeWithEffects = List.of(single(sideEffectTo("b", true)), single(sideEffectTo("c"), sideEffectTo("d")));
    List<io.stateside.protocol.SideEffect> abcd = concat(sideEffects("a"), synchronousSideEffects("b"), sideEffects("c", "d"));
    streamedIn(scenarios, "streamed-in reply", List.of(single(replyWith("one"))), reply(response("one")));
    streamedIn(scenarios, "streamed-in reply with side effects",
        withFirst(single(replyWith("two"), sideEffectTo("a")), threeWithEffects), reply(response("two"), abcd));
    streamedIn(scenarios, "streamed-in no reply (no requests)", List.of(), noReply());
    streamedIn(scenarios, "streamed-in no reply", List.of(single()), noReply());
    streamedIn(scenarios, "streamed-in no reply with side effects",
        withFirst(single(sideEffectTo("a")), threeWithEffects), noReply(abcd));
    streamedIn(scenarios, "streamed-in forward", List.of(single(forwardTo("one"))), forwarded("one"));
    streamedIn(scenarios, "streamed-in forward with side effects",
        withFirst(single(forwardTo("two"), sideEffectTo("a")), threeWithEffects), forwarded("two", abcd));
    streamedIn(scenarios, "streamed-in failure", List.of(single(failWith("one"))), failure("one"));
    streamedIn(scenarios, "streamed-in failure with side effects",
        withFirst(single(failWith("two"), sideEffectTo("a")), threeWithEffects), failure("two", abcd));

    streamedOut(scenarios, "streamed-out replies and side effects",
        request(group(replyWith("one")), group(replyWith("two"), sideEffectTo("other")),
            group(replyWith("three"), sideEffectTo("another", true)),
            group(replyWith("four"), sideEffectTo("a"), sideEffectTo("b"), sideEffectTo("c"))),
        List.of(reply(response("one")), reply(response("two"), sideEffects("other")),
            reply(response("three"), synchronousSideEffects("another")), reply(response("four"), sideEffects("a", "b", "c"))));
    streamedOut(scenarios, "streamed-out no replies and side effects",
        request(group(), group(sideEffectTo("other")), group(sideEffectTo("another", true)),
            group(sideEffectTo("a"), sideEffectTo("b"), sideEffectTo("c"))),
        List.of(noReply(), noReply(sideEffects("other")), noReply(synchronousSideEffects("another")),
            noReply(sideEffects("a", "b", "c"))));
    streamedOut(scenarios, "streamed-out forwards and side effects",
        request(group(forwardTo("one")), group(forwardTo("two"), sideEffectTo("other")),
            group(forwardTo("three"), sideEffectTo("another", true)),
            group(forwardTo("four"), sideEffectTo("a"), sideEffectTo("b"), sideEffectTo("c"))),
        List.of(forwarded("one"), forwarded("two", sideEffects("other")), forwarded("three", synchronousSideEffects("another")),
            forwarded("four", sideEffects("a", "b", "c"))));
    streamedOut(scenarios, "streamed-out failures and side effects",
        request(group(failWith("one")), group(failWith("two"), sideEffectTo("other")),
            group(failWith("three"), sideEffectTo("another", true)),
            group(failWith("four"), sideEffectTo("a"), sideEffectTo("b"), sideEffectTo("c"))),
        List.of(failure("one"), failure("two", sideEffects("other")), failure("three", synchronousSideEffects("another")),
            failure("four", sideEffects("a", "b", "c"))));

    streamed(scenarios, "streamed replies and side effects", List.of(
        exchange(single(replyWith("one")), reply(response("one"))),
        exchange(single(replyWith("two"), sideEffectTo("other")), reply(response("two"), sideEffects("other"))),
        exchange(single(replyWith("three"), sideEffectTo("another", true)),
            reply(response("three"), synchronousSideEffects("another"))),
        exchange(single(replyWith("four"), sideEffectTo("a"), sideEffectTo("b"), sideEffectTo("c")),
            reply(response("four"), sideEffects("a", "b", "c"))),
        exchange(request(group(replyWith("five")), group(replyWith("six"), sideEffectTo("other"))),
            reply(response("five")), reply(response("six"), sideEffects("other")))));
    streamed(scenarios, "streamed no replies and side effects", List.of(
        exchange(single(), noReply()),
        exchange(single(sideEffectTo("other")), noReply(sideEffects("other"))),
        exchange(single(sideEffectTo("another", true)), noReply(synchronousSideEffects("another"))),
        exchange(single(sideEffectTo("a"), sideEffectTo("b"), sideEffectTo("c")), noReply(sideEffects("a", "b", "c"))),
        exchange(request(group(), group(sideEffectTo("other"))), noReply(), noReply(sideEffects("other")))));
    streamed(scenarios, "streamed forwards and side effects", List.of(
        exchange(single(forwardTo("one")), forwarded("one")),
        exchange(single(forwardTo("two"), sideEffectTo("other")), forwarded("two", sideEffects("other"))),
        exchange(single(forwardTo("three"), sideEffectTo("another", true)), forwarded("three", synchronousSideEffects("another"))),
        exchange(single(forwardTo("four"), sideEffectTo("a"), sideEffectTo("b"), sideEffectTo("c")),
            forwarded("four", sideEffects("a", "b", "c"))),
        exchange(request(group(forwardTo("five")), group(forwardTo("six"), sideEffectTo("other"))),
            forwarded("five"), forwarded("six", sideEffects("other")))));
    streamed(scenarios, "streamed failures and side effects", List.of(
        exchange(single(failWith("one")), failure("one")),
        exchange(single(failWith("two"), sideEffectTo("other")), failure("two", sideEffects("other"))),
        exchange(single(failWith("three"), sideEffectTo("another", true)), failure("three", synchronousSideEffects("another"))),
        exchange(single(failWith("four"), sideEffectTo("a"), sideEffectTo("b"), sideEffectTo("c")),
            failure("four", sideEffects("a", "b", "c"))),
        exchange(request(group(failWith("five")), group(failWith("six"), sideEffectTo("other"))),
            failure("five"), failure("six", sideEffects("other")))));
    scenarios.add(Scenario.proxy("unary command processing", MODEL, ActionScenarios::proxyUnary));
    scenarios.add(Scenario.proxy("streamed-in command processing", MODEL, ActionScenarios::proxyStreamedIn));
    scenarios.add(Scenario.proxy("streamed-out command processing", MODEL, ActionScenarios::proxyStreamedOut));
    scenarios.add(Scenario.proxy("streamed command processing", MODEL, ActionScenarios::proxyStreamed));
    scenarios.add(Scenario.proxy("streamed-out responses without reply send nothing", MODEL,
        ActionScenarios::proxyStreamedOutWithoutReplies));
    scenarios.add(Scenario.proxy("forward with a synchronous side effect", MODEL, ActionScenarios::proxyForward));
    scenarios.add(Scenario.proxy("failures, unary and in mid-stream", MODEL, ActionScenarios::proxyFailures));
    return scenarios;
  }

  private static void declaresModel(TckContext tck) {
    for (String service : MODEL) {
      Expect.that(Specs.services(tck.declaredSpec()).contains(service), "the spec's descriptors lack " + service);
      Expect.equal("the entity type of " + service, ActionModel.PROTOCOL,
          Specs.requireEntity(tck.declaredSpec(), service).getEntityType());
    }
  }

  private static void unary(List<Scenario> scenarios, String name, Request request, ActionResponse expected) {
    scenarios.add(Scenario.userFunction(name, MODEL, tck -> Expect.equal("the answer to " + UNARY,
        Payloads.canonical(expected), Payloads.canonical(tck.await(tck.userFunctionActions().handleUnary(command(UNARY, request)))))));
  }

  private static void streamedIn(List<Scenario> scenarios, String name, List<Request> requests, ActionResponse expected) {
    scenarios.add(Scenario.userFunction(name, MODEL, tck -> {
      try (ProtocolStream<ActionCommand, ActionResponse> call =
          tck.connectAction(in -> Source.completionStage(tck.userFunctionActions().handleStreamedIn(in)))) {
        call.send(opening(STREAMED_IN));
        requests.forEach(request -> call.send(next(request)));
        call.complete().expect(expected).expectClosed();
      }
    }));
  }

  private static void streamedOut(List<Scenario> scenarios, String name, Request request, List<ActionResponse> expected) {
    scenarios.add(Scenario.userFunction(name, MODEL, tck -> {
      ActionCommand command = command(STREAMED_OUT, request);
      try (ProtocolStream<ActionCommand, ActionResponse> call =
          tck.connectAction(ignored -> tck.userFunctionActions().handleStreamedOut(command))) {
        expected.forEach(call::expect);
        call.expectClosed();
      }
    }));
  }

  /** One message of a bidirectional call and the responses it must bring. */
  private record Exchange(Request request, List<ActionResponse> responses) {}

  private static Exchange exchange(Request request, ActionResponse... responses) {
    return new Exchange(request, List.of(responses));
  }

  private static void streamed(List<Scenario> scenarios, String name, List<Exchange> exchanges) {
    scenarios.add(Scenario.userFunction(name, MODEL, tck -> {
      try (ProtocolStream<ActionCommand, ActionResponse> call = tck.connectAction(tck.userFunctionActions()::handleStreamed)) {
        call.send(opening(STREAMED));
        for (Exchange exchange : exchanges) {
          call.send(next(exchange.request()));
          exchange.responses().forEach(call::expect);
        }
        call.complete().expectClosed();
      }
    }));
  }

  // --- the proxy, driven by a client and watched through the interceptor

  private static ActionTckModelClient client(TckContext tck) {
    return tck.proxyClient(ActionTckModelClient.class, ActionTckModelClient::create);
  }

  private static void proxyUnary(TckContext tck) throws Exception {
    String call = tck.newEntityId();
    Request request = single(replyWith("one"));
    Expect.equal("the reply", response("one"),
        tck.await(client(tck).processUnary().addHeader(Interceptor.CALL_ID_HEADER, call).invoke(request)));
    tck.traffic().nextActionCall(SERVICE, call)
        .expectFromProxy(command(UNARY, request))
        .expectFromUserFunction(reply(response("one")))
        .expectClosed(tck.timeout());
  }

  private static void proxyStreamedIn(TckContext tck) throws Exception {
    String call = tck.newEntityId();
    Request first = single(replyWith("two"));
    Request second = single(sideEffectTo("other"));
    Expect.equal("the reply", response("two"), tck.await(client(tck).processStreamedIn()
        .addHeader(Interceptor.CALL_ID_HEADER, call).invoke(Source.from(List.of(first, second)))));
    tck.traffic().nextActionCall(SERVICE, call)
        .expectFromProxy(opening(STREAMED_IN))
        .expectFromProxy(next(first))
        .expectFromProxy(next(second))
        .expectFromUserFunction(reply(response("two"), sideEffects("other")))
        .expectClosed(tck.timeout());
  }

  private static void proxyStreamedOut(TckContext tck) throws Exception {
    String call = tck.newEntityId();
    Request request = request(group(replyWith("A")), group(replyWith("B")), group(replyWith("C")));
    Expect.equal("the replies, in order", List.of(response("A"), response("B"), response("C")),
        tck.await(client(tck).processStreamedOut().addHeader(Interceptor.CALL_ID_HEADER, call).invoke(request)
            .runWith(Sink.seq(), tck.materializer())));
    tck.traffic().nextActionCall(SERVICE, call)
        .expectFromProxy(command(STREAMED_OUT, request))
        .expectFromUserFunction(reply(response("A")))
        .expectFromUserFunction(reply(response("B")))
        .expectFromUserFunction(reply(response("C")))
        .expectClosed(tck.timeout());
  }

  private static void proxyStreamed(TckContext tck) throws Exception {
    String call = tck.newEntityId();
    Request first = single(replyWith("X"));
    Request second = request(group(replyWith("Y")), group(replyWith("Z")));
    Expect.equal("the replies, in order", List.of(response("X"), response("Y"), response("Z")),
        tck.await(client(tck).processStreamed().addHeader(Interceptor.CALL_ID_HEADER, call)
            .invoke(Source.from(List.of(first, second))).runWith(Sink.seq(), tck.materializer())));
    tck.traffic().nextActionCall(SERVICE, call)
        .expectFromProxy(opening(STREAMED))
        .expectFromProxy(next(first))
        .expectFromProxy(next(second))
        .expectFromUserFunction(reply(response("X")))
        .expectFromUserFunction(reply(response("Y")))
        .expectFromUserFunction(reply(response("Z")))
        .expectClosed(tck.timeout());
  }

  private static void proxyStreamedOutWithoutReplies(TckContext tck) throws Exception {
    String call = tck.newEntityId();
    Request request = request(group(), group(replyWith("B")), group(sideEffectTo("other")));
    Expect.equal("the replies", List.of(response("B")),
        tck.await(client(tck).processStreamedOut().addHeader(Interceptor.CALL_ID_HEADER, call).invoke(request)
            .runWith(Sink.seq(), tck.materializer())));
    tck.traffic().nextActionCall(SERVICE, call)
        .expectFromProxy(command(STREAMED_OUT, request))
        .expectFromUserFunction(noReply())
        .expectFromUserFunction(reply(response("B")))
        .expectFromUserFunction(noReply(sideEffects("other")))
        .expectClosed(tck.timeout());
  }

  /** The client gets the answer of the forward's target, {@code ActionTwo}'s empty response. */
  private static void proxyForward(TckContext tck) throws Exception {
    String call = tck.newEntityId();
    Request request = single(forwardTo("f"), sideEffectTo("s", true));
    Expect.equal("the forwarded answer", Response.getDefaultInstance(),
        tck.await(client(tck).processUnary().addHeader(Interceptor.CALL_ID_HEADER, call).invoke(request)));
    tck.traffic().nextActionCall(SERVICE, call)
        .expectFromProxy(command(UNARY, request))
        .expectFromUserFunction(forwarded("f", synchronousSideEffects("s")))
        .expectClosed(tck.timeout());
  }

  private static void proxyFailures(TckContext tck) throws Exception {
    String unary = tck.newEntityId();
    Status status = Expect.grpcError("a failing unary call", () -> tck.await(client(tck).processUnary()
        .addHeader(Interceptor.CALL_ID_HEADER, unary).invoke(single(failWith("boom")))));
    Expect.equal("the status", Status.Code.UNKNOWN, status.getCode());
    Expect.equal("the description", "boom", status.getDescription());
    tck.traffic().nextActionCall(SERVICE, unary)
        .expectFromProxy(command(UNARY, single(failWith("boom"))))
        .expectFromUserFunction(failure("boom"))
        .expectClosed(tck.timeout());

    String streamed = tck.newEntityId();
    Request request = request(group(replyWith("A")), group(failWith("B")));
    List<Response> received = new CopyOnWriteArrayList<>();
    Status midStream = Expect.grpcError("a streamed-out call failing in mid-stream", () -> tck.await(client(tck)
        .processStreamedOut().addHeader(Interceptor.CALL_ID_HEADER, streamed).invoke(request)
        .runForeach(received::add, tck.materializer())));
    Expect.equal("the status", Status.Code.UNKNOWN, midStream.getCode());
    Expect.equal("the description", "B", midStream.getDescription());
    Expect.equal("the replies before the failure", List.of(response("A")), received);
    tck.traffic().nextActionCall(SERVICE, streamed)
        .expectFromProxy(command(STREAMED_OUT, request))
        .expectFromUserFunction(reply(response("A")))
        .expectFromUserFunction(failure("B"))
        .expectClosed(tck.timeout());
  }

  private static List<Request> withFirst(Request first, List<Request> rest) {
    List<Request> all = new ArrayList<>();
    all.add(first);
    all.addAll(rest);
    return all;
  }
}
