package io.stateside.tck.scenario;

import static io.stateside.tck.scenario.Show.show;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.Objects;
import java.util.concurrent.Callable;

/** The TCK's assertions: each failure says what was checked, what was expected and what came. */
public final class Expect {

  private Expect() {}

  public static void equal(String what, Object expected, Object actual) {
    if (!Objects.equals(expected, actual)) {
      throw new AssertionError(what + ": expected " + show(expected) + " but was " + show(actual));
    }
  }

  public static void that(boolean condition, String problem) {
    if (!condition) {
      throw new AssertionError(problem);
    }
  }

  /** Runs a call that must fail with a gRPC status, and returns that status. */
  public static Status grpcError(String what, Callable<?> call) throws Exception {
    Object answer;
    try {
      answer = call.call();
    } catch (StatusRuntimeException e) {
      return e.getStatus();
    }
    throw new AssertionError(what + ": expected an error status but the call succeeded with " + show(answer));
  }
}
