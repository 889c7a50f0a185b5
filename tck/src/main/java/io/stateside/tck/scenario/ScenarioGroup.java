package io.stateside.tck.scenario;

import java.util.List;

/**
 * The scenarios of one subject: discovery, one entity type, passivation. Supporting a new entity
 * type in the TCK means adding one implementation, listed in {@link io.stateside.tck.ScenarioGroups}.
 */
public interface ScenarioGroup {

  /** A short name to select the group with, such as {@code eventsourced}. */
  String id();

  /** The subject, as the report heads its scenarios. */
  String name();

  /** The scenarios, in the order they run. */
  List<Scenario> scenarios();
}
