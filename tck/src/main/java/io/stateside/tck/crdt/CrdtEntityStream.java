package io.stateside.tck.crdt;

import static io.stateside.tck.scenario.Show.show;

import io.stateside.protocol.crdt.CrdtStreamIn;
import io.stateside.protocol.crdt.CrdtStreamOut;
import io.stateside.tck.protocol.CrdtMessages;
import io.stateside.tck.protocol.ProtocolStream;

/**
 * A CRDT entity stream to the user function, driven as a proxy would; answers are compared in
 * normal form ({@link CrdtMessages#comparable(CrdtStreamOut)}), as the order of set elements in a
 * delta means nothing.
 */
final class CrdtEntityStream implements AutoCloseable {

  private final ProtocolStream<CrdtStreamIn, CrdtStreamOut> stream;

  CrdtEntityStream(ProtocolStream<CrdtStreamIn, CrdtStreamOut> stream) {
    this.stream = stream;
  }

  CrdtEntityStream send(CrdtStreamIn message) {
    stream.send(message);
    return this;
  }

  CrdtEntityStream expect(CrdtStreamOut expected) {
    CrdtStreamOut actual = stream.next();
    if (!CrdtMessages.comparable(expected).equals(CrdtMessages.comparable(actual))) {
      throw new AssertionError("the user function answered " + show(actual) + " where " + show(expected)
          + " was expected");
    }
    return this;
  }

  /** Ends the stream as a proxy does when it passivates the entity, and expects the user function to end it too. */
  void passivate() {
    stream.passivate();
  }

  @Override
  public void close() {
    stream.close();
  }
}
