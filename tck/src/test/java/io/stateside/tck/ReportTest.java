package io.stateside.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stateside.tck.report.Outcome;
import io.stateside.tck.report.Report;
import io.stateside.tck.report.ScenarioResult;
import io.stateside.tck.scenario.Side;
import org.junit.jupiter.api.Test;

class ReportTest {

  @Test
  void listsEachScenarioByGroupThenSummarises() {
    Report report = new Report("proxy: p\nuser function: u");
    report.add(new ScenarioResult("discovery", Side.PROXY, "sends its proxy info", Outcome.PASSED, ""));
    report.add(new ScenarioResult("event-sourced entities", Side.USER_FUNCTION, "initial empty state", Outcome.FAILED,
        "expected A\nbut was B"));
    report.add(new ScenarioResult("event-sourced entities", Side.PROXY, "passivation timeout", Outcome.NOT_APPLICABLE,
        "no proxy under test"));

    assertEquals("""
        Stateside TCK
        proxy: p
        user function: u

        discovery
          PASS  proxy: sends its proxy info

        event-sourced entities
          FAIL  user function: initial empty state
                  expected A
                  but was B
          N/A   proxy: passivation timeout
                  no proxy under test

        3 scenarios: 1 passed, 1 failed, 1 not applicable
        """, report.render());
    assertFalse(report.passed());
  }

  @Test
  void showsKnownDeviationsWithTheirReasonAndCountsThemApart() {
    Report report = new Report("proxy: p\nuser function: u");
    report.add(new ScenarioResult("discovery", Side.PROXY, "sends its proxy info", Outcome.PASSED, ""));
    report.add(new ScenarioResult("entity passivation", Side.USER_FUNCTION, "declares the passivation model",
        Outcome.KNOWN_DEVIATION, "known deviation of lib 1.0: no passivation strategy"));

    assertEquals("""
        Stateside TCK
        proxy: p
        user function: u

        discovery
          PASS  proxy: sends its proxy info

        entity passivation
          DEV   user function: declares the passivation model
                  known deviation of lib 1.0: no passivation strategy

        2 scenarios: 1 passed, 0 failed, 0 not applicable, 1 known deviation of the support library
        """, report.render());
    assertTrue(report.passed());
  }
}
