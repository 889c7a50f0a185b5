package io.stateside.kafka.launcher;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The command line of the broker JVM. */
final class BrokerCommand {

  /** What runs in the broker JVM besides Kafka: the guard and what it uses. */
  private static final List<Class<?>> GUARD_CLASSES = List.of(GuardedKafkaServer.class, Directories.class);

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
      command.add("-D" + GuardedKafkaServer.PARENT_PID_PROPERTY + "=" + ProcessHandle.current().pid());
      command.add("-D" + GuardedKafkaServer.ORPHAN_CLEANUP_PROPERTY + "=" + layout.root());
    }
    command.add("-cp");
    command.add(settings.serverClasspath() + File.pathSeparator + guardClasses(layout));
    command.add(GuardedKafkaServer.class.getName());
    command.add(layout.serverProperties().toString());
    return command;
  }

  /**
   * The guard's class files, copied into the broker's directory: the launcher's own jar or
   * classes folder may hold more than the broker should see.
   */
  private static Path guardClasses(BrokerLayout layout) throws IOException {
    for (Class<?> guardClass : GUARD_CLASSES) {
      String resource = guardClass.getName().replace('.', '/') + ".class";
      Path target = layout.guardClassesDirectory().resolve(resource);
      Files.createDirectories(target.getParent());
      try (InputStream in = guardClass.getClassLoader().getResourceAsStream(resource)) {
        if (in == null) {
          throw new IOException("Class file not found: " + resource);
        }
        Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
      }
    }
    return layout.guardClassesDirectory();
  }
}
