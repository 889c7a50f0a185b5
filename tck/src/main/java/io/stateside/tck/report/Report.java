package io.stateside.tck.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The results of a TCK run, rendered as text: scenarios by group, then one summary line. */
public final class Report {

  private final String subject;
  private final List<ScenarioResult> results = new ArrayList<>();

  /** @param subject what was tested, for the report's first line */
  public Report(String subject) {
    this.subject = subject;
  }

  public synchronized void add(ScenarioResult result) {
    results.add(result);
  }

  public synchronized List<ScenarioResult> results() {
    return List.copyOf(results);
  }

  public long count(Outcome outcome) {
    return results().stream().filter(r -> r.outcome() == outcome).count();
  }

  public boolean passed() {
    return count(Outcome.FAILED) == 0;
  }

  public String summary() {
    List<ScenarioResult> all = results();
    String summary = String.format("%d scenarios: %d passed, %d failed, %d not applicable",
        all.size(), count(Outcome.PASSED), count(Outcome.FAILED), count(Outcome.NOT_APPLICABLE));
    long deviations = count(Outcome.KNOWN_DEVIATION);
    return deviations == 0 ? summary
        : summary + String.format(", %d known deviation%s of the support library", deviations, deviations == 1 ? "" : "s");
  }

  public String render() {
    StringBuilder text = new StringBuilder("Stateside TCK\n").append(subject).append("\n");
    Map<String, List<ScenarioResult>> byGroup = results().stream()
        .collect(Collectors.groupingBy(ScenarioResult::group, java.util.LinkedHashMap::new, Collectors.toList()));
    byGroup.forEach((group, groupResults) -> {
      text.append("\n").append(group).append("\n");
      for (ScenarioResult result : groupResults) {
        text.append(String.format("  %-4s  %s%n", result.outcome().tag(), result.title()));
        if (!result.detail().isEmpty()) {
          result.detail().lines().forEach(line -> text.append("          ").append(line).append("\n"));
        }
      }
    });
    return text.append("\n").append(summary()).append("\n").toString();
  }
}
