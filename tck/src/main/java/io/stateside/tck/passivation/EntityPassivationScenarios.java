package io.stateside.tck.passivation;

import static io.stateside.tck.protocol.EventSourcedMessages.command;
import static io.stateside.tck.protocol.EventSourcedMessages.init;
import static io.stateside.tck.protocol.EventSourcedMessages.reply;

import io.stateside.protocol.Entity;
import io.stateside.protocol.EntityPassivationStrategy;
import io.stateside.protocol.TimeoutPassivationStrategy;
import io.stateside.protocol.eventsourced.EventSourced;
import io.stateside.protocol.eventsourced.EventSourcedStreamIn;
import io.stateside.protocol.eventsourced.EventSourcedStreamOut;
import io.stateside.tck.interceptor.RecordedStream;
import io.stateside.tck.model.entitypassivation.PassivationTckModel;
import io.stateside.tck.model.entitypassivation.PassivationTckModelClient;
import io.stateside.tck.model.entitypassivation.Request;
import io.stateside.tck.model.entitypassivation.Response;
import io.stateside.tck.protocol.ProtocolStream;
import io.stateside.tck.scenario.Expect;
import io.stateside.tck.scenario.NotApplicable;
import io.stateside.tck.scenario.Scenario;
import io.stateside.tck.scenario.ScenarioGroup;
import io.stateside.tck.scenario.Specs;
import io.stateside.tck.scenario.TckContext;
import java.time.Duration;
import java.util.List;

/**
 * Passivation, with the {@code cloudstate.tck.model.entitypassivation} model: an entity declared
 * with a 2-second passivation timeout. The model does not fix the entity type; the scenarios drive
 * the types the TCK knows how to talk to (event-sourced for now).
 */
public final class EntityPassivationScenarios implements ScenarioGroup {

  private static final String SERVICE = PassivationTckModel.name;
  private static final List<String> MODEL = List.of(SERVICE);
  private static final String PERSISTENCE_ID = "entity-passivation-tck-model";
  private static final Duration TIMEOUT = Duration.ofSeconds(2);
  private static final Response STATE = Response.newBuilder().setMessage("state").build();

  @Override
  public String id() {
    return "passivation";
  }

  @Override
  public String name() {
    return "entity passivation";
  }

  @Override
  public List<Scenario> scenarios() {
    return List.of(
        Scenario.userFunction("declares the passivation model", MODEL, EntityPassivationScenarios::declaresModel),
        Scenario.userFunction("activates and answers with its state", MODEL, EntityPassivationScenarios::activates),
        Scenario.proxy("passivates after the declared timeout and reactivates", MODEL,
            EntityPassivationScenarios::passivates));
  }

  private static void declaresModel(TckContext tck) {
    Entity entity = Specs.requireEntity(tck.declaredSpec(), SERVICE);
    Expect.equal("the persistence id of " + SERVICE, PERSISTENCE_ID, entity.getPersistenceId());
    Expect.equal("the passivation strategy of " + SERVICE,
        EntityPassivationStrategy.newBuilder()
            .setTimeout(TimeoutPassivationStrategy.newBuilder().setTimeout(TIMEOUT.toMillis())).build(),
        entity.getPassivationStrategy());
  }

  private static void activates(TckContext tck) {
    requireEventSourced(tck);
    String id = tck.newEntityId();
    Request request = Request.newBuilder().setId(id).build();
    try (ProtocolStream<EventSourcedStreamIn, EventSourcedStreamOut> entity = tck.connectEventSourced()) {
      entity.send(init(SERVICE, id))
          .send(command(1, id, "Activate", request))
          .expect(reply(1, STATE))
          .passivate();
    }
  }

  private static void passivates(TckContext tck) throws Exception {
    requireEventSourced(tck);
    PassivationTckModelClient client = tck.proxyClient(PassivationTckModelClient.class, PassivationTckModelClient::create);
    String id = tck.newEntityId();
    Request request = Request.newBuilder().setId(id).build();
    long sent = System.nanoTime();
    RecordedStream<EventSourcedStreamIn, EventSourcedStreamOut> first = activate(tck, client, request);
    Passivation.expectPassivated(first.expectClosed(tck.timeout().plus(TIMEOUT)), sent, TIMEOUT);
    activate(tck, client, request);
  }

  /** Calls the entity and expects a new stream to carry the call. */
  private static RecordedStream<EventSourcedStreamIn, EventSourcedStreamOut> activate(
      TckContext tck, PassivationTckModelClient client, Request request) throws Exception {
    Expect.equal("the response", STATE, tck.await(client.activate(request)));
    return tck.traffic().nextEventSourcedStream(SERVICE, request.getId())
        .expectFromProxy(init(SERVICE, request.getId()))
        .expectFromProxy(command(1, request.getId(), "Activate", request))
        .expectFromUserFunction(reply(1, STATE));
  }

  private static void requireEventSourced(TckContext tck) {
    String type = Specs.requireEntity(tck.declaredSpec(), SERVICE).getEntityType();
    if (!type.equals(EventSourced.name)) {
      throw new NotApplicable("the model is declared as " + type + "; the TCK drives it only as an event-sourced entity yet");
    }
  }
}
