package io.stateside.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stateside.bench.BenchServices;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CommandSourceTest {

  @Test
  void touchesEachEntityOnceBeforeTheRandomCommands() {
    CommandSource source = CommandSource.touchingEachFirst(BenchServices.BENCH_COUNTER, "c-", 3,
        CommandSource.random(BenchServices.BENCH_COUNTER, "c-", 3, CommandMix.parse("increase=1")));

    List<Command> first = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      first.add(source.next().orElseThrow());
    }

    assertEquals(List.of("c-0", "c-1", "c-2"), first.stream().map(Command::counterId).toList());
    assertTrue(first.stream().allMatch(command -> command.kind() == Command.Kind.GET));
    for (int i = 0; i < 20; i++) {
      Command next = source.next().orElseThrow();
      assertEquals(Command.Kind.INCREASE, next.kind());
      assertTrue(next.counterId().matches("c-[0-2]"), next.counterId());
    }
  }

  @Test
  void eachSendsEveryCommandOnceThenRunsOut() {
    Command a = Command.get(BenchServices.BENCH_COUNTER, "a");
    Command b = Command.seed(BenchServices.REPLAY_COUNTER, "b", 10);
    CommandSource source = CommandSource.each(List.of(a, b));

    assertEquals(Optional.of(a), source.next());
    assertEquals(Optional.of(b), source.next());
    assertEquals(Optional.empty(), source.next());
    assertEquals(Optional.empty(), source.next());
  }
}
