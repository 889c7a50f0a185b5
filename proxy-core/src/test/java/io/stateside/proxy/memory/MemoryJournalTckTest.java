package io.stateside.proxy.memory;

import akka.persistence.CapabilityFlag;
import akka.persistence.japi.journal.JavaJournalSpec;
import com.typesafe.config.ConfigFactory;
import org.junit.runner.RunWith;
import org.scalatestplus.junit.JUnitRunner;

/** Akka's journal plugin TCK against the memory store's journal. */
@RunWith(JUnitRunner.class)
public class MemoryJournalTckTest extends JavaJournalSpec {

  public MemoryJournalTckTest() {
    super(ConfigFactory.parseString("akka.actor.provider = local").withFallback(ConfigFactory.load()));
  }

  @Override
  public CapabilityFlag supportsRejectingNonSerializableObjects() {
    return CapabilityFlag.off(); // it keeps events as objects and never serializes them
  }
}
