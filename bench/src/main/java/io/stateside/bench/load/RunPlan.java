package io.stateside.bench.load;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One benchmark run.
 *
 * @param name short name, for example {@code spread}
 * @param target where the commands go, for the report: {@code proxy} or {@code user-function}
 * @param entities how many distinct entities the commands address, for the report
 * @param workload what the commands are, for the report
 * @param inFlight requests outstanding at any time (a closed loop: each answer sends the next request)
 * @param warmup time at the start whose requests are sent but not measured
 * @param duration measured time after the warm-up; empty to run until the commands are used up
 * @param commands what to send
 */
public record RunPlan(
    String name,
    String target,
    int entities,
    String workload,
    int inFlight,
    Duration warmup,
    Optional<Duration> duration,
    CommandSource commands) {

  public RunPlan {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(workload, "workload");
    Objects.requireNonNull(warmup, "warmup");
    Objects.requireNonNull(duration, "duration");
    Objects.requireNonNull(commands, "commands");
    if (inFlight <= 0) {
      throw new IllegalArgumentException("inFlight must be positive, was " + inFlight);
    }
    if (warmup.isNegative() || duration.filter(d -> d.isNegative() || d.isZero()).isPresent()) {
      throw new IllegalArgumentException("warmup must not be negative and duration must be positive");
    }
  }

  /** A run over a fixed list of commands: every answer is measured. */
  public static RunPlan each(String name, String target, int entities, String workload, int inFlight, CommandSource commands) {
    return new RunPlan(name, target, entities, workload, inFlight, Duration.ZERO, Optional.empty(), commands);
  }

  /** A run of {@code warmup} then {@code duration}, from a source that is not used up before. */
  public static RunPlan timed(String name, String target, int entities, String workload, int inFlight,
      Duration warmup, Duration duration, CommandSource commands) {
    return new RunPlan(name, target, entities, workload, inFlight, warmup, Optional.of(duration), commands);
  }
}
