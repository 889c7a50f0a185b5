package io.stateside.tck;

import com.typesafe.config.ConfigFactory;
import io.stateside.tck.junit.TckSuite;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * The TCK with its defaults, Stateside's proxy and the Java TCK model, both in-process. Every
 * scenario must apply to them and pass.
 */
class StatesideTckTest {

  @TestFactory
  Stream<DynamicNode> tck() throws Exception {
    return TckSuite.tests(ConfigFactory.load(), true);
  }
}
