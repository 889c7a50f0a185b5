package io.stateside.tck.library;

import io.stateside.protocol.ServiceInfo;
import java.util.regex.Pattern;

/**
 * One way a published support library is known to depart from Cloudstate protocol 0.2, so that
 * the scenario it breaks is reported as that library's deviation, with the reason, instead of as
 * a failure. It explains a failure only when all of these hold: the user function's service info
 * names this library and version, the scenario is this one, and the failure shows the symptom; a
 * failure of the same scenario for any other reason stays a failure.
 *
 * @param library the support library's name, as its service info gives it
 * @param version its version, as its service info gives it
 * @param group the scenario group's id ({@code discovery}, {@code eventsourced}, ...)
 * @param scenario the scenario's title, such as {@code proxy: passivation timeout}
 * @param symptom a regular expression the failure's description must contain a match of
 * @param reason why the library cannot pass the scenario, for the report
 */
public record KnownDeviation(String library, String version, String group, String scenario, String symptom,
    String reason) {

  /** Whether this deviation is the library's under test. */
  public boolean appliesTo(ServiceInfo info) {
    return library.equals(info.getSupportLibraryName()) && version.equals(info.getSupportLibraryVersion());
  }

  /** Whether this deviation explains the failure {@code failure} of scenario {@code title} in group {@code groupId}. */
  public boolean explains(ServiceInfo info, String groupId, String title, String failure) {
    return appliesTo(info) && group.equals(groupId) && scenario.equals(title)
        && Pattern.compile(symptom, Pattern.DOTALL).matcher(failure).find();
  }

  /** The library, as the report names it. */
  public String libraryLabel() {
    return library + " " + version;
  }
}
