package io.stateside.proxy.discovery;

import io.stateside.protocol.ServiceInfo;
import java.util.Optional;

/** The Cloudstate protocol version this proxy speaks, and which user functions it accepts. */
public final class ProtocolVersion {

  public static final int MAJOR = 0;
  public static final int MINOR = 2;

  private ProtocolVersion() {}

  /**
   * Why the user function's protocol version is unacceptable, if it is. Libraries that report
   * 0.1, 0.2 or nothing at all (older ones leave the fields unset) are accepted.
   */
  public static Optional<String> incompatibility(ServiceInfo info) {
    if (info.getProtocolMajorVersion() == MAJOR) {
      return Optional.empty();
    }
    return Optional.of(String.format(
        "user function speaks Cloudstate protocol %d.%d, but this proxy speaks %d.%d; upgrade or "
            + "downgrade %s to a version for protocol %d.x",
        info.getProtocolMajorVersion(), info.getProtocolMinorVersion(), MAJOR, MINOR,
        info.getSupportLibraryName().isEmpty() ? "the support library" : info.getSupportLibraryName(),
        MAJOR));
  }
}
