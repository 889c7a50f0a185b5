package io.stateside.bench;

import io.stateside.bench.cli.BenchCommands;

/**
 * The load generator's command line.
 *
 * <pre>
 * run    one timed run against a proxy or straight against a user function
 * suite  the standard suite against a running proxy and user function (see bin/bench)
 * </pre>
 */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    System.exit(BenchCommands.execute(args, System.out, System.err));
  }
}
