package io.stateside.proxy.embedded.tck;

import akka.persistence.CapabilityFlag;
import akka.persistence.japi.snapshot.JavaSnapshotStoreSpec;
import org.junit.runner.RunWith;
import org.scalatestplus.junit.JUnitRunner;

/** Akka's snapshot store plugin TCK against the embedded snapshot store, on real files. */
@RunWith(JUnitRunner.class)
public class EmbeddedSnapshotStoreTckTest extends JavaSnapshotStoreSpec {

  public EmbeddedSnapshotStoreTckTest() {
    super(TckConfig.onFreshFolder());
  }

  @Override
  public CapabilityFlag supportsSerialization() {
    return CapabilityFlag.on();
  }
}
