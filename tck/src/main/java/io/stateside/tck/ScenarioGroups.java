package io.stateside.tck;

import io.stateside.tck.action.ActionScenarios;
import io.stateside.tck.crdt.CrdtScenarios;
import io.stateside.tck.discovery.DiscoveryScenarios;
import io.stateside.tck.eventing.EventingScenarios;
import io.stateside.tck.eventsourced.EventSourcedScenarios;
import io.stateside.tck.passivation.EntityPassivationScenarios;
import io.stateside.tck.scenario.ScenarioGroup;
import io.stateside.tck.valueentity.ValueEntityScenarios;
import java.util.List;

/** Every scenario group of the TCK, in the order they run. A new entity type adds its group here. */
public final class ScenarioGroups {

  private ScenarioGroups() {}

  public static List<ScenarioGroup> all() {
    return List.of(new DiscoveryScenarios(), new EventSourcedScenarios(), new ValueEntityScenarios(),
        new EntityPassivationScenarios(), new ActionScenarios(), new CrdtScenarios(), new EventingScenarios());
  }

  /** The groups with these ids; all groups when none are given. */
  public static List<ScenarioGroup> selected(List<String> ids) {
    List<ScenarioGroup> all = all();
    for (String id : ids) {
      if (all.stream().noneMatch(group -> group.id().equals(id))) {
        throw new IllegalArgumentException("no scenario group '" + id + "'; there are "
            + all.stream().map(ScenarioGroup::id).toList());
      }
    }
    return ids.isEmpty() ? all : all.stream().filter(group -> ids.contains(group.id())).toList();
  }
}
