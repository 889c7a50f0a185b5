package io.stateside.proxy.crdt;

import akka.cluster.ddata.Replicator;
import com.typesafe.config.Config;
import io.stateside.protocol.crdt.CrdtWriteConsistency;
import java.time.Duration;

/**
 * The settings of CRDT entities, from {@code stateside.proxy.crdt}.
 *
 * @param writeTimeout how long a MAJORITY or ALL write waits for the other replicas
 * @param initialReadTimeout how long an entity's first read on a node waits for a majority of
 *     replicas before it settles for this node's own
 * @param streamBuffer messages a streamed call may hold for a client that reads slowly
 */
record CrdtSettings(Duration writeTimeout, Duration initialReadTimeout, int streamBuffer) {

  static CrdtSettings from(Config root) {
    Config c = root.getConfig("stateside.proxy.crdt");
    return new CrdtSettings(c.getDuration("write-timeout"), c.getDuration("initial-read-timeout"), c.getInt("stream-buffer"));
  }

  Replicator.WriteConsistency write(CrdtWriteConsistency consistency) {
    return switch (consistency) {
      case MAJORITY -> new Replicator.WriteMajority(writeTimeout);
      case ALL -> new Replicator.WriteAll(writeTimeout);
      default -> Replicator.writeLocal();
    };
  }
}
