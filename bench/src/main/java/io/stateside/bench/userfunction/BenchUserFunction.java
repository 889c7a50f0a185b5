package io.stateside.bench.userfunction;

import io.stateside.bench.BenchServices;
import io.stateside.javasupport.UserFunction;

/**
 * The benchmark's user function: the counter services, on {@code HOST}:{@code PORT} (default
 * 127.0.0.1:8080) like any user function written with the Java support library; with
 * {@code BENCH_EVENTING=on}, also the eventing scenario's subscriber ({@link EventSubscriber}).
 */
public final class BenchUserFunction {

  private BenchUserFunction() {}

  public static UserFunction.Builder builder() {
    UserFunction.Builder builder = UserFunction.builder().serviceName("stateside-bench").serviceVersion("1");
    for (BenchServices service : BenchServices.values()) {
      builder.register(CounterEntities.definition(service));
    }
    if ("on".equalsIgnoreCase(System.getenv("BENCH_EVENTING"))) {
      builder.register(new EventSubscriber().action());
    }
    return builder;
  }

  public static void main(String[] args) {
    builder().build().run();
  }
}
