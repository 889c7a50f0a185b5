package io.stateside.tck.interop.javasupport;

import io.cloudstate.javasupport.CloudState;
import io.stateside.tck.model.entitypassivation.EntityPassivationTckModelProto;
import io.stateside.tck.model.eventsourced.EventSourcedTckModelProto;

/**
 * The Cloudstate TCK model written with the published Cloudstate Java support library 0.5.2, the
 * way a user of that library writes entities: annotated classes registered with {@link CloudState}.
 * The library listens on {@code HOST}:{@code PORT} (its reference.conf reads them).
 *
 * <p>Run it under the TCK with {@code tck/bin/tck --user-function-command
 * tck-interop/java-support-0.5.2/bin/tck-model}.
 */
public final class CloudstateJavaTckModel {

  private CloudstateJavaTckModel() {}

  public static void main(String[] args) throws Exception {
    var model = EventSourcedTckModelProto.getDescriptor();
    var passivation = EntityPassivationTckModelProto.getDescriptor();
    // The events' and snapshots' types (Persisted) are looked up in the descriptors given here.
    new CloudState()
        .registerEventSourcedEntity(TckModelEntity.class, model.findServiceByName("EventSourcedTckModel"), model)
        .registerEventSourcedEntity(TwoEntity.class, model.findServiceByName("EventSourcedTwo"))
        // 0.5.2 has no way to declare a passivation timeout: the configured entities are declared
        // with the persistence ids the model asks for and nothing else (docs/tck.md, deviations).
        .registerEventSourcedEntity(ConfiguredEntity.class, model.findServiceByName("EventSourcedConfigured"))
        .registerEventSourcedEntity(PassivationEntity.class, passivation.findServiceByName("PassivationTckModel"))
        .start()
        .toCompletableFuture()
        .get();
  }
}
