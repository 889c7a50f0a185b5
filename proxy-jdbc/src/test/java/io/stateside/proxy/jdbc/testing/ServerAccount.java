package io.stateside.proxy.jdbc.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The operating-system account a test server runs as. PostgreSQL refuses to run as root, and CI
 * runs as root: there the server runs as the unprivileged {@code nobody} account through setpriv.
 * Anyone else runs servers as themselves.
 */
public record ServerAccount(Optional<Integer> switchToUid, Optional<Integer> switchToGid, Optional<Path> setpriv) {

  private static final Path[] SETPRIV_LOCATIONS = {Path.of("/usr/bin/setpriv"), Path.of("/bin/setpriv")};

  /** Whoever runs the tests. */
  public static ServerAccount current() {
    return new ServerAccount(Optional.empty(), Optional.empty(), findSetpriv());
  }

  /** An account that PostgreSQL accepts: the current one, or {@code nobody} when running as root. */
  public static ServerAccount unprivileged() {
    Optional<Path> setpriv = findSetpriv();
    if (currentUid() != 0) {
      return new ServerAccount(Optional.empty(), Optional.empty(), setpriv);
    }
    if (setpriv.isEmpty()) {
      throw new IllegalStateException("Running as root, and setpriv (util-linux) is missing to drop to an unprivileged account");
    }
    int[] nobody = passwdEntry("nobody");
    return new ServerAccount(Optional.of(nobody[0]), Optional.of(nobody[1]), setpriv);
  }

  /** The command words that run a program as this account, with a signal on the JVM's death. */
  List<String> commandPrefix(String deathSignal) {
    List<String> prefix = new ArrayList<>();
    setpriv.ifPresent(path -> {
      prefix.add(path.toString());
      prefix.add("--pdeathsig");
      prefix.add(deathSignal);
      switchToUid.ifPresent(uid -> {
        prefix.add("--reuid=" + uid);
        prefix.add("--regid=" + switchToGid.orElseThrow());
        prefix.add("--clear-groups");
      });
    });
    return prefix;
  }

  /** Gives a file or folder to this account, so that the server can write it. */
  public void own(Path path) {
    if (switchToUid.isEmpty()) {
      return;
    }
    try {
      Files.setAttribute(path, "unix:uid", switchToUid.get());
      Files.setAttribute(path, "unix:gid", switchToGid.orElseThrow());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int currentUid() {
    try {
      return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
    } catch (IOException | UnsupportedOperationException e) {
      return -1;
    }
  }

  private static Optional<Path> findSetpriv() {
    for (Path candidate : SETPRIV_LOCATIONS) {
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /** uid and gid of a local account, from /etc/passwd. */
  private static int[] passwdEntry(String user) {
    try {
      return Files.readAllLines(Path.of("/etc/passwd")).stream()
          .map(line -> line.split(":"))
          .filter(fields -> fields.length > 3 && fields[0].equals(user))
          .map(fields -> new int[] {Integer.parseInt(fields[2]), Integer.parseInt(fields[3])})
          .findFirst()
          .orElseThrow(() -> new IllegalStateException("No account '" + user + "' in /etc/passwd"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
