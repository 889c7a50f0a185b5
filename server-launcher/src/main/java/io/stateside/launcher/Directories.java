package io.stateside.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Deleting a server's directory tree. Also runs inside the server JVM (see {@link OrphanGuard}), so
 * it uses nothing but the JDK.
 */
public final class Directories {

  private static final int ATTEMPTS = 5;

  private Directories() {}

  /** Deletes {@code root} and everything below it, retrying while a dying process still adds files. */
  public static void deleteRecursively(Path root) throws IOException {
    for (int attempt = 1; ; attempt++) {
      try {
        deleteTree(root);
        return;
      } catch (DirectoryNotEmptyException e) {
        if (attempt == ATTEMPTS) {
          throw e;
        }
      }
    }
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    List<Path> paths;
    try (Stream<Path> walk = Files.walk(root)) {
      paths = walk.sorted(Comparator.reverseOrder()).toList();
    } catch (UncheckedIOException e) {
      // a file vanished during the walk; the next attempt sees the tree as it is now
      throw new DirectoryNotEmptyException(root.toString());
    }
    for (Path path : paths) {
      try {
        Files.delete(path);
      } catch (NoSuchFileException alreadyGone) {
        // removed by the process that owned it
      }
    }
  }
}
