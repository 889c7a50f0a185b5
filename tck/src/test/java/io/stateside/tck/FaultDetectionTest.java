package io.stateside.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.stateside.javasupport.Effect;
import io.stateside.javasupport.EventSourcedEntity;
import io.stateside.javasupport.UserFunction;
import io.stateside.javasupport.UserFunctionServer;
import io.stateside.tck.environment.TckSettings;
import io.stateside.tck.model.eventsourced.EventSourcedTckModelProto;
import io.stateside.tck.model.eventsourced.Persisted;
import io.stateside.tck.model.eventsourced.Request;
import io.stateside.tck.model.eventsourced.RequestAction;
import io.stateside.tck.model.eventsourced.Response;
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
 * A TCK must fail wrong implementations. This user function snapshots every 4 events instead of
 * 5, ignores every action but emits, and declares its other entities with made-up settings: the
 * scenarios that look at those fail, on both sides, and the others still pass.
 */
class FaultDetectionTest {

  @Test
  void failsTheScenariosAWrongUserFunctionBreaks() throws Exception {
    UserFunctionServer faulty = faultyModel().start().toCompletableFuture().get(60, TimeUnit.SECONDS);
    Map<String, Outcome> outcomes;
    try {
      Config config = ConfigFactory.parseMap(Map.of(
              "stateside.tck.user-function.mode", "external",
              "stateside.tck.user-function.port", faulty.port(),
              "stateside.tck.only", List.of("eventsourced"),
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
    assertEquals(Outcome.FAILED, outcomes.get("user function: declares the configured entity"));
    assertEquals(Outcome.FAILED, outcomes.get("user function: multiple emitted events and snapshots"));
    assertEquals(Outcome.FAILED, outcomes.get("proxy: state changes"));
    assertEquals(Outcome.PASSED, outcomes.get("user function: initial empty state"));
    assertEquals(Outcome.PASSED, outcomes.get("user function: multiple emitted events"));
    assertTrue(outcomes.values().stream().noneMatch(outcome -> outcome == Outcome.NOT_APPLICABLE), outcomes::toString);
  }

  /** The event-sourced model with those faults. */
  private static UserFunction faultyModel() {
    Function<String, EventSourcedEntity<String>> answering = name -> EventSourcedEntity.builder(
            EventSourcedTckModelProto.getDescriptor().findServiceByName(name), "faulty-" + name, "")
        .onCommand("Call", Request.class, Response.class, (state, request, context) -> Effect.reply(Response.getDefaultInstance()))
        .passivationTimeout(Duration.ofMillis(200))
        .build();
    EventSourcedEntity<String> model = EventSourcedEntity.builder(
            EventSourcedTckModelProto.getDescriptor().findServiceByName("EventSourcedTckModel"), "event-sourced-tck-model", "")
        .onCommand("Process", Request.class, Response.class, (state, request, context) -> {
          List<Persisted> events = request.getActionsList().stream()
              .filter(RequestAction::hasEmit)
              .map(action -> Persisted.newBuilder().setValue(action.getEmit().getValue()).build())
              .toList();
          String next = state + events.stream().map(Persisted::getValue).collect(Collectors.joining());
          return Effect.emitAll(events).thenReply(Response.newBuilder().setMessage(next).build());
        })
        .onEvent(Persisted.class, (state, event) -> state + event.getValue())
        .snapshot(Persisted.class, state -> Persisted.newBuilder().setValue(state).build(), Persisted::getValue)
        .snapshotEvery(4)
        .build();
    return UserFunction.builder().host("127.0.0.1").port(0)
        .register(model)
        .register(answering.apply("EventSourcedTwo"))
        .register(answering.apply("EventSourcedConfigured"))
        .build();
  }
}
