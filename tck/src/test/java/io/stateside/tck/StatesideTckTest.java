package io.stateside.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.stateside.tck.environment.TckSettings;
import io.stateside.tck.report.Outcome;
import io.stateside.tck.report.ScenarioResult;
import io.stateside.tck.scenario.ScenarioGroup;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The TCK as a JUnit 5 suite, with its defaults: Stateside's proxy and the Java TCK model, both
 * in-process. Each scenario is one test; a scenario that is not applicable is skipped. Every
 * scenario must apply to Stateside and its Java model, so the suite also fails if one is skipped.
 */
class StatesideTckTest {

  private static TckRun run;

  @TestFactory
  Stream<DynamicNode> tck() throws Exception {
    Config config = ConfigFactory.load();
    run = TckRun.start(TckSettings.from(config), config);
    return run.groups().stream().map(StatesideTckTest::container);
  }

  private static DynamicNode container(ScenarioGroup group) {
    return DynamicContainer.dynamicContainer(group.name(), group.scenarios().stream().map(scenario ->
        DynamicTest.dynamicTest(scenario.side().label() + ": " + scenario.name(), () -> {
          ScenarioResult result = run.run(group, scenario);
          switch (result.outcome()) {
            case PASSED -> { }
            case NOT_APPLICABLE -> Assumptions.abort(result.detail());
            case FAILED -> throw new AssertionError(result.detail());
          }
        })));
  }

  @AfterAll
  static void report() throws Exception {
    if (run == null) {
      return;
    }
    try {
      System.out.print(run.report().render());
      Tck.writeReport(System.out, run.report(), run.settings().reportsDirectory().resolve("tck-report.txt"));
    } finally {
      run.close();
    }
    List<String> skipped = run.report().results().stream()
        .filter(result -> result.outcome() == Outcome.NOT_APPLICABLE)
        .map(ScenarioResult::title)
        .toList();
    assertEquals(List.of(), skipped, "scenarios that should apply to Stateside and the Java TCK model");
  }
}
