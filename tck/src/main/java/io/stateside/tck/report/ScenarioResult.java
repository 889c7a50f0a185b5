package io.stateside.tck.report;

import io.stateside.tck.scenario.Side;

/**
 * How one scenario ended.
 *
 * @param group the scenario group's name
 * @param side which implementation the scenario judged
 * @param name the scenario's name
 * @param outcome passed, failed or not applicable
 * @param detail why it failed or was not applicable; empty when it passed
 */
public record ScenarioResult(String group, Side side, String name, Outcome outcome, String detail) {

  public String title() {
    return side.label() + ": " + name;
  }
}
