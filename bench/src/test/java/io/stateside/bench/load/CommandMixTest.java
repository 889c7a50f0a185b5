package io.stateside.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class CommandMixTest {

  @Test
  void picksKindsInProportionToTheirWeights() {
    CommandMix mix = CommandMix.parse("increase=80, get=20");

    assertEquals(Command.Kind.INCREASE, mix.pick(0.0));
    assertEquals(Command.Kind.INCREASE, mix.pick(0.79));
    assertEquals(Command.Kind.GET, mix.pick(0.8));
    assertEquals(Command.Kind.GET, mix.pick(0.999));
    assertEquals("increase 80%, get 20%", mix.describe());
    assertEquals("increase=80,get=20", mix.toString());
  }

  @Test
  void skipsKindsWithZeroWeight() {
    CommandMix mix = CommandMix.parse("get=0,increase=1");

    assertEquals(Command.Kind.INCREASE, mix.pick(0.0));
    assertEquals(Command.Kind.INCREASE, mix.pick(0.999));
  }

  @Test
  void refusesMalformedMixes() {
    assertThrows(IllegalArgumentException.class, () -> CommandMix.parse("seed=1"));
    assertThrows(IllegalArgumentException.class, () -> CommandMix.parse("increase"));
    assertThrows(IllegalArgumentException.class, () -> CommandMix.parse("increase=-1"));
    assertThrows(IllegalArgumentException.class, () -> CommandMix.parse("increase=0,get=0"));
    assertThrows(IllegalArgumentException.class, () -> CommandMix.parse("get=1,get=2"));
  }
}
