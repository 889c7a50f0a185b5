package io.stateside.tck.crdt;

import io.stateside.protocol.Entity;
import io.stateside.protocol.EntityPassivationStrategy;
import io.stateside.protocol.TimeoutPassivationStrategy;
import io.stateside.tck.scenario.Expect;
import io.stateside.tck.scenario.Scenario;
import io.stateside.tck.scenario.ScenarioGroup;
import io.stateside.tck.scenario.Specs;
import io.stateside.tck.scenario.TckContext;
import java.util.ArrayList;
import java.util.List;

/**
 * CRDT entities, with the {@code cloudstate.tck.model.crdt} model: the user function driven
 * directly over the protocol, each CRDT type and each kind of answer; then the proxy driven by a
 * client and watched through the interceptor.
 */
public final class CrdtScenarios implements ScenarioGroup {

  static final List<String> MODEL = List.of(CrdtModel.SERVICE, CrdtModel.TWO);
  static final List<String> CONFIGURED_ENTITY = List.of(CrdtModel.CONFIGURED);

  /** The group's id, to select it with. */
  public static final String ID = "crdt";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String name() {
    return "CRDT entities";
  }

  @Override
  public List<Scenario> scenarios() {
    List<Scenario> all = new ArrayList<>();
    all.add(Scenario.userFunction("declares the TCK model entities", MODEL, CrdtScenarios::declaresModel));
    all.add(Scenario.userFunction("declares the configured entity", CONFIGURED_ENTITY,
        CrdtScenarios::declaresConfigured));
    all.addAll(CrdtTypeScenarios.all());
    all.addAll(CrdtCommandScenarios.all());
    all.addAll(CrdtProxyScenarios.all());
    return List.copyOf(all);
  }

  private static void declaresModel(TckContext tck) {
    for (String service : MODEL) {
      Expect.that(Specs.services(tck.declaredSpec()).contains(service), "the spec's descriptors lack " + service);
      Expect.equal("the entity type of " + service, CrdtModel.PROTOCOL,
          Specs.requireEntity(tck.declaredSpec(), service).getEntityType());
    }
  }

  private static void declaresConfigured(TckContext tck) {
    String service = CrdtModel.CONFIGURED;
    Expect.that(Specs.services(tck.declaredSpec()).contains(service), "the spec's descriptors lack " + service);
    Entity entity = Specs.requireEntity(tck.declaredSpec(), service);
    Expect.equal("the entity type of " + service, CrdtModel.PROTOCOL, entity.getEntityType());
    Expect.equal("the passivation strategy of " + service,
        EntityPassivationStrategy.newBuilder().setTimeout(
            TimeoutPassivationStrategy.newBuilder().setTimeout(CrdtModel.CONFIGURED_PASSIVATION_MILLIS)).build(),
        entity.getPassivationStrategy());
  }
}
