package io.stateside.bench;

import io.stateside.bench.protocol.BenchCounterProto;
import java.time.Duration;

/** The benchmark's entity types, as the user function serves them and the generator calls them. */
public enum BenchServices {

  /** The steady-load counter: default passivation, no snapshots. */
  BENCH_COUNTER("BenchCounter", "bench-counter", false),
  /** Passivates after {@link #ACTIVATION_PASSIVATION} idle; recovers by replaying every event. */
  REPLAY_COUNTER("ReplayCounter", "bench-replay", true),
  /** Like {@link #REPLAY_COUNTER}, and snapshots every {@link #SNAPSHOT_EVERY} events. */
  SNAPSHOT_COUNTER("SnapshotCounter", "bench-snapshot", true),
  /** Like {@link #BENCH_COUNTER}; its event log feeds the eventing scenario's subscriber. */
  EVENT_COUNTER("EventCounter", "bench-events", false);

  /** Idle time after which the activation benchmark's entities are stopped by the proxy. */
  public static final Duration ACTIVATION_PASSIVATION = Duration.ofSeconds(3);

  /** SnapshotCounter's snapshot interval, in events. */
  public static final int SNAPSHOT_EVERY = 100;

  private final String simpleName;
  private final String persistenceId;
  private final boolean passivatesQuickly;

  BenchServices(String simpleName, String persistenceId, boolean passivatesQuickly) {
    this.simpleName = simpleName;
    this.persistenceId = persistenceId;
    this.passivatesQuickly = passivatesQuickly;
  }

  /** @return the gRPC service's short name, for example {@code BenchCounter} */
  public String simpleName() {
    return simpleName;
  }

  /** @return the gRPC service's full name, for example {@code stateside.bench.BenchCounter} */
  public String fullName() {
    return descriptor().getFullName();
  }

  public com.google.protobuf.Descriptors.ServiceDescriptor descriptor() {
    return BenchCounterProto.getDescriptor().findServiceByName(simpleName);
  }

  public String persistenceId() {
    return persistenceId;
  }

  public boolean passivatesQuickly() {
    return passivatesQuickly;
  }

  public boolean snapshots() {
    return this == SNAPSHOT_COUNTER;
  }

  /** @param name a short or full service name, any case */
  public static BenchServices byName(String name) {
    for (BenchServices service : values()) {
      if (service.simpleName.equalsIgnoreCase(name) || service.fullName().equalsIgnoreCase(name)) {
        return service;
      }
    }
    throw new IllegalArgumentException("No benchmark service " + name + "; use BenchCounter, ReplayCounter, SnapshotCounter or EventCounter");
  }
}
