package io.stateside.tck;

import com.typesafe.config.Config;
import io.stateside.tck.environment.TckSettings;
import io.stateside.tck.report.Report;
import io.stateside.tck.report.ScenarioResult;
import io.stateside.tck.scenario.Scenario;
import io.stateside.tck.scenario.ScenarioGroup;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The standalone TCK: runs every scenario, prints the report, and exits with its verdict. */
public final class Tck {

  public static final String VERSION =
      Optional.ofNullable(Tck.class.getPackage().getImplementationVersion()).orElse("dev");

  static final int PASSED = 0;
  static final int FAILED = 1;
  static final int COULD_NOT_RUN = 2;

  private Tck() {}

  public static void main(String[] args) {
    // The TCK's own logging setup, named apart from the logback.xml that proxy-core's jar carries.
    if (System.getProperty("logback.configurationFile") == null) {
      System.setProperty("logback.configurationFile", "stateside-tck-logback.xml");
    }
    System.exit(run(System.out, args));
  }

  /** Runs the TCK as the command line says, printing to {@code out}; returns the exit status. */
  static int run(PrintStream out, String... args) {
    Config config;
    TckSettings settings;
    try {
      CommandLine commandLine = CommandLine.parse(args);
      if (commandLine.help()) {
        out.print(CommandLine.USAGE);
        return PASSED;
      }
      config = commandLine.config();
      settings = TckSettings.from(config);
    } catch (RuntimeException e) {
      out.println("tck: " + e.getMessage());
      out.println("Run with --help for the options.");
      return COULD_NOT_RUN;
    }
    // Before anything logs: the TCK's logging setup writes to this file.
    Path logFile = settings.reportsDirectory().resolve("tck.log");
    System.setProperty("stateside.tck.log-file", logFile.toString());

    TckRun run;
    try {
      run = TckRun.start(settings, config);
    } catch (Exception e) {
      out.println("The TCK could not start: " + e.getMessage());
      out.println("See " + logFile + " and the other logs in " + settings.reportsDirectory());
      return COULD_NOT_RUN;
    }
    Report report = run.report();
    try {
      out.println("Stateside TCK " + VERSION + ": running; logs in " + logFile);
      for (ScenarioGroup group : run.groups()) {
        for (Scenario scenario : group.scenarios()) {
          ScenarioResult result = run.run(group, scenario);
          out.printf("  %-4s  %s / %s%n", result.outcome().tag(), group.name(), result.title());
        }
      }
    } finally {
      try {
        run.close();
      } catch (Exception e) {
        out.println("Stopping the implementations under test failed (see " + logFile + "): " + e);
      }
    }
    out.println();
    out.print(report.render());
    writeReport(out, report, settings.reportsDirectory().resolve("tck-report.txt"));
    return report.passed() ? PASSED : FAILED;
  }

  /** Writes the report to a file, saying where on {@code out}. */
  public static void writeReport(PrintStream out, Report report, Path file) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.writeString(file, report.render());
      out.println("Report written to " + file);
    } catch (IOException e) {
      out.println("Could not write the report to " + file + ": " + e.getMessage());
    }
  }
}
