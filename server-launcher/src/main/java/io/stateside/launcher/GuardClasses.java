package io.stateside.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The few launcher classes that run inside a server JVM: the launcher's guard main class and the
 * shared classes it calls ({@link OrphanGuard}, {@link Directories}), as class files copied into
 * a folder of the server's own. The launcher's jar or classes folder would bring more onto the
 * server's classpath than the server should see (its manifest class path, say: Akka, an older
 * netty).
 */
public final class GuardClasses {

  /** What the guard main class calls, all of it on the JDK alone. */
  private static final List<Class<?>> SHARED = List.of(OrphanGuard.class, Directories.class);

  private GuardClasses() {}

  /**
   * Copies the class files of {@code guardMain} (a top-level class without nested ones) and of the
   * shared guard classes below {@code folder}.
   *
   * @return {@code folder}, for the server JVM's classpath
   */
  public static Path copy(Class<?> guardMain, Path folder) throws IOException {
    copyClassFile(guardMain, folder);
    for (Class<?> shared : SHARED) {
      copyClassFile(shared, folder);
    }
    return folder;
  }

  private static void copyClassFile(Class<?> type, Path folder) throws IOException {
    String resource = type.getName().replace('.', '/') + ".class";
    Path target = folder.resolve(resource);
    Files.createDirectories(target.getParent());
    try (InputStream in = type.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IOException("Class file not found: " + resource);
      }
      Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
