package io.stateside.proxy.memory;

import akka.persistence.CapabilityFlag;
import akka.persistence.japi.snapshot.JavaSnapshotStoreSpec;
import com.typesafe.config.ConfigFactory;
import org.junit.runner.RunWith;
import org.scalatestplus.junit.JUnitRunner;

/** Akka's snapshot store plugin TCK against the memory store's snapshot store. */
@RunWith(JUnitRunner.class)
public class MemorySnapshotStoreTckTest extends JavaSnapshotStoreSpec {

  public MemorySnapshotStoreTckTest() {
    super(ConfigFactory.parseString("akka.actor.provider = local").withFallback(ConfigFactory.load()));
  }

  @Override
  public CapabilityFlag supportsSerialization() {
    return CapabilityFlag.off();
  }
}
