package io.stateside.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.stateside.javasupport.UserFunction;
import io.stateside.javasupport.UserFunctionServer;
import io.stateside.javasupport.ValueEffect;
import io.stateside.javasupport.ValueEntity;
import io.stateside.tck.environment.TckSettings;
import io.stateside.tck.model.valueentity.Persisted;
import io.stateside.tck.model.valueentity.Request;
import io.stateside.tck.model.valueentity.RequestAction;
import io.stateside.tck.model.valueentity.Response;
import io.stateside.tck.model.valueentity.ValueEntityTckModelProto;
import io.stateside.tck.report.Outcome;
import io.stateside.tck.report.ScenarioResult;
import io.stateside.tck.scenario.Scenario;
import io.stateside.tck.scenario.ScenarioGroup;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The value-entity scenarios must fail wrong implementations too. This user function heeds only
 * updates (no delete, forward, side effect or failure), and declares its other entities with
 * made-up settings: the scenarios that look at those fail, on both sides, and the others still
 * pass.
 */
class ValueEntityFaultDetectionTest {

  @Test
  void failsTheScenariosAWrongValueEntityBreaks() throws Exception {
    UserFunctionServer faulty = faultyModel().start().toCompletableFuture().get(60, TimeUnit.SECONDS);
    Map<String, Outcome> outcomes;
    try {
      Config config = ConfigFactory.parseMap(Map.of(
              "stateside.tck.user-function.mode", "external",
              "stateside.tck.user-function.port", faulty.port(),
              "stateside.tck.only", List.of("valueentity"),
              "stateside.tck.timeout", "5s"))
          .withFallback(ConfigFactory.load());
      try (TckRun run = TckRun.start(TckSettings.from(config), config)) {
        for (ScenarioGroup group : run.groups()) {
          for (Scenario scenario : group.scenarios()) {
            run.run(group, scenario);
          }
        }
        System.out.print(run.report().render());
        outcomes = run.report().results().stream()
            .collect(Collectors.toMap(ScenarioResult::title, ScenarioResult::outcome));
      }
    } finally {
      faulty.stop().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
    assertEquals(Outcome.FAILED, outcomes.get("user function: declares the TCK model entities"));
    assertEquals(Outcome.FAILED, outcomes.get("user function: declares the configured entity"));
    assertEquals(Outcome.FAILED, outcomes.get("user function: delete state"));
    assertEquals(Outcome.FAILED, outcomes.get("user function: updates and a delete in one command"));
    assertEquals(Outcome.FAILED, outcomes.get("proxy: a deleted state stays deleted after a restart"));
    assertEquals(Outcome.FAILED, outcomes.get("user function: failure action"));
    assertEquals(Outcome.FAILED, outcomes.get("user function: failures keep no state change"));
    assertEquals(Outcome.FAILED, outcomes.get("proxy: state changes"));
    assertEquals(Outcome.FAILED, outcomes.get("proxy: failures"));
    assertEquals(Outcome.PASSED, outcomes.get("user function: initial empty state"));
    assertEquals(Outcome.PASSED, outcomes.get("user function: update state"));
    assertEquals(Outcome.PASSED, outcomes.get("user function: update, delete and update in one command"));
    assertEquals(Outcome.PASSED, outcomes.get("user function: rehydration after passivation"));
    assertEquals(Outcome.PASSED, outcomes.get("proxy: rehydration after the stream breaks"));
    assertTrue(outcomes.values().stream().noneMatch(outcome -> outcome == Outcome.NOT_APPLICABLE), outcomes::toString);
  }

  /** The value-entity model with those faults: only updates count, the last one wins. */
  private static UserFunction faultyModel() {
    Function<String, ValueEntity<Persisted>> answering = name -> ValueEntity.builder(
            ValueEntityTckModelProto.getDescriptor().findServiceByName(name), "faulty-" + name,
            Persisted.getDefaultInstance())
        .onCommand("Call", Request.class, Response.class,
            (state, request, context) -> ValueEffect.reply(Response.getDefaultInstance()))
        .passivationTimeout(Duration.ofMillis(200))
        .build();
    ValueEntity<Persisted> model = ValueEntity.builder(
            ValueEntityTckModelProto.getDescriptor().findServiceByName("ValueEntityTckModel"), "value-entity-tck-model",
            Persisted.getDefaultInstance())
        .onCommand("Process", Request.class, Response.class, (state, request, context) -> {
          List<String> updates = request.getActionsList().stream()
              .filter(RequestAction::hasUpdate)
              .map(action -> action.getUpdate().getValue())
              .toList();
          if (updates.isEmpty()) {
            return ValueEffect.reply(Response.newBuilder().setMessage(state.getValue()).build());
          }
          String last = updates.get(updates.size() - 1);
          return ValueEffect.update(Persisted.newBuilder().setValue(last).build())
              .thenReply(Response.newBuilder().setMessage(last).build());
        })
        .build();
    return UserFunction.builder().host("127.0.0.1").port(0)
        .register(model)
        .register(answering.apply("ValueEntityTwo"))
        .register(answering.apply("ValueEntityConfigured"))
        .build();
  }
}
