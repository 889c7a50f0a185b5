package io.stateside.tck.scenario;

import java.util.List;

/**
 * One check of the TCK.
 *
 * @param side which implementation it judges
 * @param name what it checks, as the report shows it
 * @param requiredServices the full names of the TCK model services the user function must
 *     declare; without them the scenario is not applicable
 * @param body the check; it throws {@link AssertionError} when the implementation is wrong and
 *     {@link NotApplicable} when it cannot be judged
 */
public record Scenario(Side side, String name, List<String> requiredServices, Body body) {

  /** What a scenario does. */
  @FunctionalInterface
  public interface Body {
    void run(TckContext tck) throws Exception;
  }

  public Scenario {
    requiredServices = List.copyOf(requiredServices);
  }

  public static Scenario userFunction(String name, List<String> requiredServices, Body body) {
    return new Scenario(Side.USER_FUNCTION, name, requiredServices, body);
  }

  public static Scenario proxy(String name, List<String> requiredServices, Body body) {
    return new Scenario(Side.PROXY, name, requiredServices, body);
  }
}
