package io.stateside.tck.junit;

import com.typesafe.config.Config;
import io.stateside.tck.Tck;
import io.stateside.tck.TckRun;
import io.stateside.tck.environment.TckSettings;
import io.stateside.tck.library.KnownDeviation;
import io.stateside.tck.library.KnownDeviations;
import io.stateside.tck.report.Outcome;
import io.stateside.tck.report.Report;
import io.stateside.tck.report.ScenarioResult;
import io.stateside.tck.scenario.ScenarioGroup;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;

/**
 * The TCK as JUnit 5 dynamic tests, for a build that runs it with its other tests:
 *
 * <pre>{@code
 * @TestFactory
 * Stream<DynamicNode> tck() throws Exception {
 *   return TckSuite.tests(ConfigFactory.load(), false);
 * }
 * }</pre>
 *
 * <p>One container per scenario group, one test per scenario (skipped when not applicable, or when
 * it failed as a known deviation of the support library under test, with the deviation's reason),
 * and a last test that prints the report, writes it to the reports directory and stops everything
 * the run started.
 */
public final class TckSuite {

  private TckSuite() {}

  /**
   * Starts a run with the {@code stateside.tck} settings of {@code config}.
   *
   * @param everyScenarioMustApply makes the last test fail if a scenario was not applicable, for
   *     an implementation that claims to support everything the TCK checks
   */
  public static Stream<DynamicNode> tests(Config config, boolean everyScenarioMustApply) throws Exception {
    return tests(config, everyScenarioMustApply, false, Set.of());
  }

  /**
   * Like {@link #tests(Config, boolean)}, for a published support library whose known deviations
   * are listed in {@link KnownDeviations}.
   *
   * @param everyKnownDeviationMustShow makes the last test fail if a known deviation of the
   *     library under test did not show (its scenario passed, or did not run), so that the list
   *     stays exact: a deviation that went away is taken off it
   * @param groupsItDoesNotServe ids of the scenario groups of entity kinds the library has no
   *     support for: their scenarios need not apply, and none of them may (a library that gained
   *     the kind is taken off the list)
   */
  public static Stream<DynamicNode> tests(Config config, boolean everyScenarioMustApply,
      boolean everyKnownDeviationMustShow, Set<String> groupsItDoesNotServe) throws Exception {
    TckRun run = TckRun.start(TckSettings.from(config), config);
    Stream<DynamicNode> scenarios = run.groups().stream().map(group -> container(run, group));
    Set<String> unserved = run.groups().stream()
        .filter(group -> groupsItDoesNotServe.contains(group.id()))
        .map(ScenarioGroup::name)
        .collect(Collectors.toSet());
    return Stream.concat(scenarios, Stream.of(DynamicTest.dynamicTest("report",
        () -> finish(run, everyScenarioMustApply, everyKnownDeviationMustShow, unserved))));
  }

  private static DynamicNode container(TckRun run, ScenarioGroup group) {
    return DynamicContainer.dynamicContainer(group.name(), group.scenarios().stream().map(scenario ->
        DynamicTest.dynamicTest(scenario.side().label() + ": " + scenario.name(), () -> {
          ScenarioResult result = run.run(group, scenario);
          switch (result.outcome()) {
            case PASSED -> { }
            case NOT_APPLICABLE, KNOWN_DEVIATION -> Assumptions.abort(result.detail());
            case FAILED -> throw new AssertionError(result.detail());
          }
        })));
  }

  private static void finish(TckRun run, boolean everyScenarioMustApply, boolean everyKnownDeviationMustShow,
      Set<String> unservedGroups) {
    Report report = run.report();
    try {
      System.out.print(report.render());
      Tck.writeReport(System.out, report, run.settings().reportsDirectory().resolve("tck-report.txt"));
    } finally {
      run.close();
    }
    List<String> inapplicable = report.results().stream()
        .filter(result -> result.outcome() == Outcome.NOT_APPLICABLE && !unservedGroups.contains(result.group()))
        .map(ScenarioResult::title)
        .toList();
    List<String> appliedThoughUnserved = report.results().stream()
        .filter(result -> result.outcome() != Outcome.NOT_APPLICABLE && unservedGroups.contains(result.group()))
        .map(result -> result.group() + ": " + result.title())
        .toList();
    if (!appliedThoughUnserved.isEmpty()) {
      throw new AssertionError("scenarios of entity kinds the library was said not to serve applied (take the "
          + "kind off the list if the library serves it now): " + appliedThoughUnserved);
    }
    if (everyScenarioMustApply && !inapplicable.isEmpty()) {
      throw new AssertionError("scenarios that should have applied: " + inapplicable);
    }
    if (everyKnownDeviationMustShow) {
      List<String> shown = report.results().stream()
          .filter(result -> result.outcome() == Outcome.KNOWN_DEVIATION)
          .map(ScenarioResult::title)
          .toList();
      List<String> notShown = KnownDeviations.of(run.library()).stream()
          .map(KnownDeviation::scenario)
          .filter(title -> !shown.contains(title))
          .toList();
      if (!notShown.isEmpty()) {
        throw new AssertionError("known deviations of " + run.library().getSupportLibraryName() + " "
            + run.library().getSupportLibraryVersion() + " that did not show (take them off KnownDeviations "
            + "and docs/tck.md if the library or the TCK changed): " + notShown);
      }
    }
  }
}
