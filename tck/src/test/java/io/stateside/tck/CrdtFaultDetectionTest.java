package io.stateside.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.stateside.javasupport.ActionEffect;
import io.stateside.javasupport.CrdtContext;
import io.stateside.javasupport.CrdtEntity;
import io.stateside.javasupport.GCounter;
import io.stateside.javasupport.UserFunction;
import io.stateside.javasupport.UserFunctionServer;
import io.stateside.tck.environment.TckSettings;
import io.stateside.tck.model.crdt.CrdtTckModelProto;
import io.stateside.tck.model.crdt.GCounterValue;
import io.stateside.tck.model.crdt.Request;
import io.stateside.tck.model.crdt.RequestAction;
import io.stateside.tck.model.crdt.Response;
import io.stateside.tck.model.crdt.State;
import io.stateside.tck.model.crdt.StreamedRequest;
import io.stateside.tck.report.Outcome;
import io.stateside.tck.report.ScenarioResult;
import io.stateside.tck.scenario.Scenario;
import io.stateside.tck.scenario.ScenarioGroup;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The CRDT scenarios must fail wrong implementations too. This user function gives every entity
 * a grow-only counter whatever its id says, heeds only increments (no delete, forward, side
 * effect, failure or write consistency), streams nothing after a streamed command's first reply,
 * and declares its configured entity without a passivation timeout: the scenarios that look at
 * those fail, on both sides, and the counter's own scenarios still pass. Only the scenarios named
 * here run, to keep the test short.
 */
class CrdtFaultDetectionTest {

  private static final Map<String, Outcome> EXPECTED = Map.ofEntries(
      Map.entry("user function: declares the TCK model entities", Outcome.PASSED),
      Map.entry("user function: declares the configured entity", Outcome.FAILED),
      Map.entry("user function: GCounter: initial empty state", Outcome.PASSED),
      Map.entry("user function: GCounter: state changes", Outcome.PASSED),
      Map.entry("user function: GCounter: mix of local and replicated state changes", Outcome.PASSED),
      Map.entry("user function: GCounter: rehydration after passivation", Outcome.PASSED),
      Map.entry("user function: GCounter: delete action sent to entity", Outcome.PASSED),
      Map.entry("user function: GCounter: delete action received from entity", Outcome.FAILED),
      Map.entry("user function: PNCounter: state changes", Outcome.FAILED),
      Map.entry("user function: GSet: initial empty state", Outcome.FAILED),
      Map.entry("user function: ORMap: state changes", Outcome.FAILED),
      Map.entry("user function: forward to second service", Outcome.FAILED),
      Map.entry("user function: failure action", Outcome.FAILED),
      Map.entry("user function: streamed responses", Outcome.FAILED),
      Map.entry("user function: write consistency can be configured", Outcome.FAILED),
      Map.entry("proxy: state changes", Outcome.FAILED),
      Map.entry("proxy: failures", Outcome.FAILED));

  @Test
  void failsTheScenariosAWrongCrdtEntityBreaks() throws Exception {
    UserFunctionServer faulty = faultyModel().start().toCompletableFuture().get(60, TimeUnit.SECONDS);
    Map<String, Outcome> outcomes;
    try {
      Config config = ConfigFactory.parseMap(Map.of(
              "stateside.tck.user-function.mode", "external",
              "stateside.tck.user-function.port", faulty.port(),
              "stateside.tck.only", List.of("crdt"),
              "stateside.tck.timeout", "5s"))
          .withFallback(ConfigFactory.load());
      try (TckRun run = TckRun.start(TckSettings.from(config), config)) {
        for (ScenarioGroup group : run.groups()) {
          for (Scenario scenario : group.scenarios()) {
            if (EXPECTED.containsKey(scenario.side().label() + ": " + scenario.name())) {
              run.run(group, scenario);
            }
          }
        }
        System.out.print(run.report().render());
        outcomes = run.report().results().stream()
            .collect(Collectors.toMap(ScenarioResult::title, ScenarioResult::outcome));
      }
    } finally {
      faulty.stop().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
    assertEquals(EXPECTED, outcomes);
  }

  private static UserFunction faultyModel() {
    var model = CrdtTckModelProto.getDescriptor();
    CrdtEntity counters = CrdtEntity.builder(model.findServiceByName("CrdtTckModel"))
        .onCommand("Process", Request.class, Response.class, (request, context) -> {
          GCounter counter = counter(context);
          request.getActionsList().stream()
              .filter(RequestAction::hasUpdate)
              .filter(action -> action.getUpdate().hasGcounter())
              .forEach(action -> counter.increment(action.getUpdate().getGcounter().getIncrement()));
          return ActionEffect.reply(state(counter));
        })
        .onStreamedCommand("ProcessStreamed", StreamedRequest.class, Response.class,
            (request, context) -> ActionEffect.reply(state(counter(context))))
        .build();
    CrdtEntity two = CrdtEntity.builder(model.findServiceByName("CrdtTwo"))
        .onCommand("Call", Request.class, Response.class,
            (request, context) -> ActionEffect.reply(Response.getDefaultInstance()))
        .build();
    CrdtEntity configured = CrdtEntity.builder(model.findServiceByName("CrdtConfigured"))
        .onCommand("Call", Request.class, Response.class,
            (request, context) -> ActionEffect.reply(Response.getDefaultInstance()))
        .build();
    return UserFunction.builder().host("127.0.0.1").port(0)
        .register(counters)
        .register(two)
        .register(configured)
        .build();
  }

  private static GCounter counter(CrdtContext context) {
    return context.getOrCreate(GCounter.class, GCounter::new);
  }

  private static Response state(GCounter counter) {
    return Response.newBuilder()
        .setState(State.newBuilder().setGcounter(GCounterValue.newBuilder().setValue(counter.value())))
        .build();
  }
}
