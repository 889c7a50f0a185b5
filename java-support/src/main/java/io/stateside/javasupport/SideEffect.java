package io.stateside.javasupport;

import java.util.Objects;

/**
 * A call the proxy makes after a command succeeded and its events are stored.
 *
 * <p>The proxy answers the client only after a synchronous side effect has completed; an
 * asynchronous one runs in the background and its outcome is not reported. Add side effects to
 * an effect with {@link Effect.Success#withSideEffects}.
 *
 * @param call the method to call
 * @param synchronous whether the client's answer waits for the call
 */
public record SideEffect(ServiceCall call, boolean synchronous) {

  /**
   * Checks that the call is not null.
   *
   * @param call the method to call
   * @param synchronous whether the client's answer waits for the call
   */
  public SideEffect {
    Objects.requireNonNull(call, "call");
  }

  /**
   * A side effect the client's answer waits for.
   *
   * @param call the method to call
   * @return the side effect
   */
  public static SideEffect synchronous(ServiceCall call) {
    return new SideEffect(call, true);
  }

  /**
   * A side effect that runs in the background.
   *
   * @param call the method to call
   * @return the side effect
   */
  public static SideEffect asynchronous(ServiceCall call) {
    return new SideEffect(call, false);
  }
}
