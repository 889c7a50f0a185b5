package io.stateside.tck.library;

import io.stateside.protocol.ServiceInfo;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The known deviations of published Cloudstate support libraries from protocol 0.2, each found by
 * running the TCK against the library as published and documented in docs/tck.md. Anything not
 * listed here must pass.
 */
public final class KnownDeviations {

  private static final String NO_PASSIVATION_STRATEGY = "its protocol predates Entity.passivation_strategy, "
      + "so it cannot declare the model's passivation timeout";
  private static final String PROXY_DEFAULT_PASSIVATION = "the library cannot declare the model's passivation timeout "
      + "(its protocol predates Entity.passivation_strategy), so the proxy passivates the entity after its default timeout";
  private static final String DROPS_SIDE_EFFECTS = "EffectContext.effect builds the side effect and drops it "
      + "(AbstractEffectContext: `SideEffect(...) :: effects` is never assigned back), so no reply carries side effects";

  /** The proxy kept the stream open past the model's timeout (and the TCK's wait). */
  private static final String NOT_PASSIVATED_IN_TIME = "waited \\d+ ms for the stream to end";
  /** A reply without side effects, where the expected reply had some; otherwise the same scenario failed differently. */
  private static final String NO_SIDE_EFFECTS_WHERE_EXPECTED =
      "answered EventSourcedStreamOut \\{ (?:(?!side_effects).)* \\} where EventSourcedStreamOut \\{ .*side_effects";

  private static final List<KnownDeviation> ALL = List.of(
      // Cloudstate Java support 0.5.2 (io.cloudstate:cloudstate-java-support), protocol 0.1.
      passivation("cloudstate-java-support", "0.5.2"),
      javaSideEffects("user function: reply with side effect"),
      javaSideEffects("user function: reply with synchronous side effect"),
      javaSideEffects("user function: forward and side effect"),
      javaSideEffects("user function: reply with multiple side effects"),
      javaSideEffects("user function: reply with multiple side effects, events and snapshot"),
      javaSideEffects("proxy: forwards and side effects"),
      // Cloudstate Node.js support 0.0.3 (npm cloudstate), protocol 0.1.
      passivation("cloudstate", "0.0.3"))
      .stream().flatMap(List::stream).toList();

  private KnownDeviations() {}

  /** The four passivation scenarios, which a library without passivation strategies cannot pass. */
  private static List<KnownDeviation> passivation(String library, String version) {
    return List.of(
        new KnownDeviation(library, version, "eventsourced", "user function: declares the configured entity",
            noStrategy("cloudstate.tck.model.EventSourcedConfigured"), NO_PASSIVATION_STRATEGY),
        new KnownDeviation(library, version, "eventsourced", "proxy: passivation timeout",
            NOT_PASSIVATED_IN_TIME, PROXY_DEFAULT_PASSIVATION),
        new KnownDeviation(library, version, "passivation", "user function: declares the passivation model",
            noStrategy("cloudstate.tck.model.entitypassivation.PassivationTckModel"), NO_PASSIVATION_STRATEGY),
        new KnownDeviation(library, version, "passivation", "proxy: passivates after the declared timeout and reactivates",
            NOT_PASSIVATED_IN_TIME, PROXY_DEFAULT_PASSIVATION));
  }

  private static List<KnownDeviation> javaSideEffects(String scenario) {
    return List.of(new KnownDeviation("cloudstate-java-support", "0.5.2", "eventsourced", scenario,
        NO_SIDE_EFFECTS_WHERE_EXPECTED, DROPS_SIDE_EFFECTS));
  }

  /** The spec declared the entity with no passivation strategy at all. */
  private static String noStrategy(String service) {
    return Pattern.quote("the passivation strategy of " + service + ": expected ")
        + ".*" + Pattern.quote("but was EntityPassivationStrategy {  }");
  }

  public static List<KnownDeviation> all() {
    return ALL;
  }

  /** The known deviations of the library that {@code info} names. */
  public static List<KnownDeviation> of(ServiceInfo info) {
    return ALL.stream().filter(deviation -> deviation.appliesTo(info)).toList();
  }

  /** The known deviation that explains a scenario's failure, if there is one. */
  public static Optional<KnownDeviation> explaining(ServiceInfo info, String groupId, String title, String failure) {
    return ALL.stream().filter(deviation -> deviation.explains(info, groupId, title, failure)).findFirst();
  }
}
