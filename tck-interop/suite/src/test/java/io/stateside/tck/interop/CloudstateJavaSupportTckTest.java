package io.stateside.tck.interop;

import io.stateside.tck.junit.TckSuite;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * The TCK against the TCK model written with the published Cloudstate Java support library 0.5.2
 * ({@code tck-interop/java-support-0.5.2}), directly and behind Stateside's proxy. Every scenario
 * must apply and pass, except the library's known deviations, each of which must still show.
 */
class CloudstateJavaSupportTckTest {

  @TestFactory
  Stream<DynamicNode> tck() throws Exception {
    return TckSuite.tests(PublishedLibrary.tckConfig("java-support-0.5.2"), true, true, PublishedLibrary.UNSERVED_GROUPS);
  }
}
