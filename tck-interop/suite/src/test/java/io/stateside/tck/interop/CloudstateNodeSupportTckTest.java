package io.stateside.tck.interop;

import io.stateside.tck.junit.TckSuite;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * The TCK against the TCK model written with the published Cloudstate Node.js support library
 * 0.0.3 ({@code tck-interop/nodejs-0.0.3}), directly and behind Stateside's proxy. Every scenario
 * must apply and pass, except the library's known deviations, each of which must still show.
 */
class CloudstateNodeSupportTckTest {

  /**
   * The npm packages and grpc's native module, built from source on a fresh machine (minutes),
   * from the cache after; quick when already installed. Needs node, npm and protoc.
   */
  @BeforeAll
  static void install() throws Exception {
    PublishedLibrary.run("nodejs-0.0.3", "install", 30);
  }

  @TestFactory
  Stream<DynamicNode> tck() throws Exception {
    return TckSuite.tests(PublishedLibrary.tckConfig("nodejs-0.0.3"), true, true, PublishedLibrary.UNSERVED_GROUPS);
  }
}
