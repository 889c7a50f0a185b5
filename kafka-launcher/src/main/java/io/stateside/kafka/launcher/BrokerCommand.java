package io.stateside.kafka.launcher;

import io.stateside.launcher.GuardClasses;
import io.stateside.launcher.OrphanGuard;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The command line of the broker JVM. */
final class BrokerCommand {

  private BrokerCommand() {}

  static List<String> of(KafkaSettings settings, BrokerLayout layout) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(settings.jvmOptions());
    command.add("-Djava.net.preferIPv4Stack=true");
    command.add("-Dlog4j.configuration=" + layout.log4jProperties().toUri());
    command.add("-Dkafka.logs.dir=" + layout.logDirectory());
    // The first start formats the data directory with it; later ones check that it matches.
    command.add("-D" + GuardedKafkaServer.CLUSTER_ID_PROPERTY + "="
        + Files.readString(layout.clusterIdFile(), StandardCharsets.UTF_8).strip());
    if (settings.ephemeral()) {
      command.addAll(OrphanGuard.jvmOptions(layout.root()));
    }
    command.add("-cp");
    command.add(settings.serverClasspath() + File.pathSeparator
        + GuardClasses.copy(GuardedKafkaServer.class, layout.guardClassesDirectory()));
    command.add(GuardedKafkaServer.class.getName());
    command.add(layout.serverProperties().toString());
    return command;
  }
}
