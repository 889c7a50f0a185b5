package io.stateside.proxy.embedded.tck;

import akka.persistence.CapabilityFlag;
import akka.persistence.japi.journal.JavaJournalSpec;
import org.junit.runner.RunWith;
import org.scalatestplus.junit.JUnitRunner;

/** Akka's journal plugin TCK against the embedded journal, on real files. */
@RunWith(JUnitRunner.class)
public class EmbeddedJournalTckTest extends JavaJournalSpec {

  public EmbeddedJournalTckTest() {
    super(TckConfig.onFreshFolder());
  }

  @Override
  public CapabilityFlag supportsRejectingNonSerializableObjects() {
    return CapabilityFlag.on();
  }

  @Override
  public CapabilityFlag supportsSerialization() {
    return CapabilityFlag.on();
  }
}
