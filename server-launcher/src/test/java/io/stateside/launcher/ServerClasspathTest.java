package io.stateside.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerClasspathTest {

  private static final ServerClasspath CLASSPATH = new ServerClasspath("Fake", "fake-server", "build the fake");

  @Test
  void readsTheFileWithoutItsTrailingNewline(@TempDir Path directory) throws IOException {
    Path file = Files.writeString(directory.resolve("fake.classpath"), "/m2/fake-server-1.0.jar:/m2/lib-2.0.jar\n");
    assertEquals("/m2/fake-server-1.0.jar:/m2/lib-2.0.jar", CLASSPATH.read(file));
  }

  @Test
  void rejectsAFileThatDoesNotNameTheServersJar(@TempDir Path directory) throws IOException {
    Path file = Files.writeString(directory.resolve("other.classpath"), "/m2/lib-2.0.jar\n");
    IOException failure = assertThrows(IOException.class, () -> CLASSPATH.read(file));
    assertEquals("No fake-server jar in " + file, failure.getMessage());
  }

  @Test
  void saysHowToGetAMissingFile(@TempDir Path directory) {
    Path file = directory.resolve("missing.classpath");
    FileNotFoundException failure = assertThrows(FileNotFoundException.class, () -> CLASSPATH.read(file));
    assertTrue(failure.getMessage().contains(file + " (build the fake)"), failure.getMessage());
  }

  @Test
  void readsAResourceBesideAClass() throws IOException {
    assertEquals("/m2/fake-server-1.0.jar", CLASSPATH.read(ServerClasspathTest.class, "fake-server.classpath"));
    assertThrows(FileNotFoundException.class, () -> CLASSPATH.read(ServerClasspathTest.class, "missing.classpath"));
  }
}
