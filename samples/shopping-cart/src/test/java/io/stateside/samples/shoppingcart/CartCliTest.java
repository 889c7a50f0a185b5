package io.stateside.samples.shoppingcart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The bin/cart client against the real proxy. */
class CartCliTest {

  private static CartStack stack;

  @BeforeAll
  static void start() {
    stack = CartStack.start(Duration.ofMinutes(5), 20);
  }

  @AfterAll
  static void stop() {
    stack.close();
  }

  /** Exit status, standard output and standard error of one run. */
  private record Run(int status, String out, String err) {}

  private static Run cart(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    List<String> withPort = new ArrayList<>(List.of("--port", String.valueOf(stack.proxyPort())));
    withPort.addAll(List.of(args));
    int status = CartCli.run(withPort, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(status, out.toString(StandardCharsets.UTF_8).strip(), err.toString(StandardCharsets.UTF_8).strip());
  }

  @Test
  void addRemoveAndGetPrintWhatHappened() {
    assertEquals(new Run(0, "Added 3 x apple to alice's cart.", ""), cart("add", "alice", "apple", "3"));
    assertEquals(new Run(0, "Added 2 x pear to alice's cart.", ""), cart("add", "alice", "pear", "2"));
    assertEquals(new Run(0, "Removed apple from alice's cart.", ""), cart("remove", "alice", "apple"));
    assertEquals(new Run(0, "alice's cart:" + System.lineSeparator() + "  pear x 2", ""), cart("get", "alice"));
    assertEquals(new Run(0, "bob's cart is empty.", ""), cart("get", "bob"));
  }

  @Test
  void aRefusedCallPrintsTheStatusAndExitsWithOne() {
    assertEquals(new Run(1, "", "Error: UNKNOWN: Quantity for item cherry must be greater than zero."),
        cart("add", "carl", "cherry", "0"));
  }

  @Test
  void helpPrintsTheCommands() {
    Run run = cart("--help");
    assertEquals(0, run.status());
    assertTrue(run.out().contains("add USER PRODUCT QUANTITY"), run.out());
    assertTrue(run.out().contains("product PRODUCT"), run.out());
  }

  @Test
  void aUsageErrorExitsWithTwo() {
    Run run = cart("add", "carl", "cherry");
    assertEquals(2, run.status());
    assertTrue(run.err().startsWith("Usage: cart add USER PRODUCT QUANTITY"), run.err());
  }
}
