package io.stateside.bench.userfunction;

import io.stateside.bench.BenchServices;
import io.stateside.javasupport.UserFunction;

/**
 * The benchmark's user function: the three counter services, on {@code HOST}:{@code PORT}
 * (default 127.0.0.1:8080) like any user function written with the Java support library.
 */
public final class BenchUserFunction {

  private BenchUserFunction() {}

  public static UserFunction.Builder builder() {
    UserFunction.Builder builder = UserFunction.builder().serviceName("stateside-bench").serviceVersion("1");
    for (BenchServices service : BenchServices.values()) {
      builder.register(CounterEntities.definition(service));
    }
    return builder;
  }

  public static void main(String[] args) {
    builder().build().run();
  }
}
