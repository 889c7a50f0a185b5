package io.stateside.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The standalone TCK as another implementation runs it: the proxy and the user function each
 * launched from a command line in their own JVM, told their ports through the environment.
 */
class StandaloneTckTest {

  /** The JVM this test runs on, with this module's class path in Maven's order, tuned for a quick start. */
  private static String java(String mainClass) {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String classPath = System.getProperty("surefire.test.class.path");
    return "'" + java + "' -Xmx384m -XX:TieredStopAtLevel=1 -cp '" + classPath + "' " + mainClass;
  }

  @Test
  void runsTheScenariosAgainstLaunchedCommands() {
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    int status = Tck.run(new PrintStream(output, true, StandardCharsets.UTF_8),
        "--user-function-command", java("io.stateside.tck.javamodel.JavaTckModel"),
        "--proxy-command", java("io.stateside.proxy.StatesideProxy"),
        "--only", "discovery,eventsourced",
        "--reports", "target/tck/standalone");
    String printed = output.toString(StandardCharsets.UTF_8);
    System.out.print(printed);
    assertEquals(Tck.PASSED, status, printed);
    assertTrue(printed.contains("launched with:"), printed);
    assertTrue(printed.contains("33 scenarios: 33 passed, 0 failed, 0 not applicable"), printed);
  }

  @Test
  void explainsABadCommandLine() {
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    int status = Tck.run(new PrintStream(output, true, StandardCharsets.UTF_8), "--proxy", "no-port");
    assertEquals(Tck.COULD_NOT_RUN, status);
    assertTrue(output.toString(StandardCharsets.UTF_8).contains("--proxy takes HOST:PORT"));
  }
}
