package io.stateside.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stateside.protocol.ServiceInfo;
import io.stateside.tck.library.KnownDeviations;
import org.junit.jupiter.api.Test;

class KnownDeviationsTest {

  private static final ServiceInfo JAVA_052 = ServiceInfo.newBuilder()
      .setSupportLibraryName("cloudstate-java-support").setSupportLibraryVersion("0.5.2").build();
  private static final ServiceInfo STATESIDE = ServiceInfo.newBuilder()
      .setSupportLibraryName("stateside-java-support").setSupportLibraryVersion("0.1.0").build();

  private static final String NO_STRATEGY = "the passivation strategy of cloudstate.tck.model.EventSourcedConfigured: "
      + "expected EntityPassivationStrategy { timeout { timeout: 100 } } but was EntityPassivationStrategy {  }";
  private static final String DROPPED_SIDE_EFFECT = "the user function answered EventSourcedStreamOut { reply { command_id: 1 } }"
      + " where EventSourcedStreamOut { reply { command_id: 1 side_effects { service_name: \"s\" } } } was expected";

  @Test
  void explainsOnlyItsLibrarysFailureWithItsSymptom() {
    String configured = "user function: declares the configured entity";
    assertTrue(KnownDeviations.explaining(JAVA_052, "eventsourced", configured, NO_STRATEGY).isPresent());
    assertFalse(KnownDeviations.explaining(STATESIDE, "eventsourced", configured, NO_STRATEGY).isPresent(),
        "another library");
    assertFalse(KnownDeviations.explaining(JAVA_052, "eventsourced", configured,
        "the persistence id of cloudstate.tck.model.EventSourcedConfigured: expected a but was b").isPresent(),
        "the same scenario failing for another reason");
    assertFalse(KnownDeviations.explaining(JAVA_052, "eventsourced", "user function: single emitted event", NO_STRATEGY)
        .isPresent(), "another scenario");
  }

  @Test
  void droppedSideEffectsAreTheDeviationButOtherDifferencesAreNot() {
    String scenario = "user function: reply with side effect";
    assertTrue(KnownDeviations.explaining(JAVA_052, "eventsourced", scenario, DROPPED_SIDE_EFFECT).isPresent());
    String wrongSideEffect = "the user function answered EventSourcedStreamOut { reply { side_effects { service_name: \"x\" } } }"
        + " where EventSourcedStreamOut { reply { side_effects { service_name: \"s\" } } } was expected";
    assertFalse(KnownDeviations.explaining(JAVA_052, "eventsourced", scenario, wrongSideEffect).isPresent());
  }

  @Test
  void eachPublishedLibraryHasItsList() {
    assertEquals(10, KnownDeviations.of(JAVA_052).size());
    assertEquals(4, KnownDeviations.of(ServiceInfo.newBuilder()
        .setSupportLibraryName("cloudstate").setSupportLibraryVersion("0.0.3").build()).size());
    assertTrue(KnownDeviations.of(STATESIDE).isEmpty());
  }
}
