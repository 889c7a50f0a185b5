package io.stateside.proxy.frontend;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stateside.example.counter.IncreaseRequest;
import io.stateside.proxy.testing.CounterUserFunction;
import io.stateside.proxy.testing.ProxyFixture;
import io.stateside.proxy.testing.RawGrpcClient;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.junit.jupiter.api.Test;

/**
 * Serving a call must not start threads: on machines with fewer than three CPUs, stages chained
 * on Akka's Java futures without an executor would each start one.
 */
class ThreadUseTest {

  @Test
  void servingCallsStartsNoThreadPerCall() {
    try (ProxyFixture fixture = ProxyFixture.start();
         RawGrpcClient client = new RawGrpcClient(fixture.proxy().httpPort())) {
      byte[] request = IncreaseRequest.newBuilder().setCounterId("threads").setBy(1).build().toByteArray();
      for (int i = 0; i < 50; i++) {
        client.call(CounterUserFunction.SERVICE, "Increase", request, 20_000);
      }
      ThreadMXBean threads = ManagementFactory.getThreadMXBean();
      long startedBefore = threads.getTotalStartedThreadCount();

      int calls = 500;
      for (int i = 0; i < calls; i++) {
        client.call(CounterUserFunction.SERVICE, "Increase", request, 20_000);
      }

      long started = threads.getTotalStartedThreadCount() - startedBefore;
      assertTrue(started < calls / 10, started + " threads started while serving " + calls + " calls");
    }
  }
}
