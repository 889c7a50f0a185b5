package io.stateside.proxy.eventing;

import com.typesafe.config.Config;
import java.time.Duration;

/**
 * The settings of {@code stateside.proxy.eventing}.
 *
 * @param parallelism events of one subscription under way at once (of different entities; the
 *     events of one entity, or of one partition of a topic, go one at a time)
 * @param lookAhead events of one event-log subscription read ahead of the oldest one not yet
 *     delivered, so that a long run of one entity's events does not hold up the others' (at least
 *     {@code parallelism})
 * @param deliveryTimeout how long the user function may take over one event
 * @param skipFailed whether an event the user function refuses is passed over (else retried)
 * @param projectionStore the class that keeps event-log subscriptions' offsets in the store
 */
public record EventingSettings(
    int parallelism, int lookAhead, Duration deliveryTimeout, boolean skipFailed, String projectionStore) {

  public static EventingSettings from(Config root) {
    Config c = root.getConfig("stateside.proxy.eventing");
    return new EventingSettings(
        c.getInt("parallelism"),
        Math.max(c.getInt("parallelism"), c.getInt("look-ahead")),
        c.getDuration("delivery-timeout"),
        c.getBoolean("skip-failed"),
        c.getString("projection-store"));
  }
}
