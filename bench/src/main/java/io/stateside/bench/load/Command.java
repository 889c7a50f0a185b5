package io.stateside.bench.load;

import com.google.protobuf.Message;
import io.stateside.bench.BenchServices;
import io.stateside.bench.protocol.GetRequest;
import io.stateside.bench.protocol.IncreaseRequest;
import io.stateside.bench.protocol.SeedRequest;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * One call to a counter.
 *
 * @param service the counter service called
 * @param counterId the entity
 * @param kind the method
 * @param amount what {@code Increase} adds, or how many events {@code Seed} emits; unused by {@code Get}
 * @param expectedValue the counter value the reply must carry, when the caller knows it
 */
public record Command(BenchServices service, String counterId, Kind kind, long amount, OptionalLong expectedValue) {

  /** The counter's methods. */
  public enum Kind {
    INCREASE("Increase"),
    GET("Get"),
    SEED("Seed");

    private final String methodName;

    Kind(String methodName) {
      this.methodName = methodName;
    }

    /** @return the gRPC method name */
    public String methodName() {
      return methodName;
    }
  }

  public Command {
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(counterId, "counterId");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(expectedValue, "expectedValue");
  }

  public static Command increase(BenchServices service, String counterId, long by) {
    return new Command(service, counterId, Kind.INCREASE, by, OptionalLong.empty());
  }

  public static Command get(BenchServices service, String counterId) {
    return new Command(service, counterId, Kind.GET, 0, OptionalLong.empty());
  }

  public static Command seed(BenchServices service, String counterId, int events) {
    return new Command(service, counterId, Kind.SEED, events, OptionalLong.empty());
  }

  /** @return the same command, whose reply must carry this counter value */
  public Command expecting(long value) {
    return new Command(service, counterId, kind, amount, OptionalLong.of(value));
  }

  /** @return the request message of this call */
  public Message request() {
    return switch (kind) {
      case INCREASE -> IncreaseRequest.newBuilder().setCounterId(counterId).setBy(amount).build();
      case GET -> GetRequest.newBuilder().setCounterId(counterId).build();
      case SEED -> SeedRequest.newBuilder().setCounterId(counterId).setEvents(Math.toIntExact(amount)).build();
    };
  }
}
