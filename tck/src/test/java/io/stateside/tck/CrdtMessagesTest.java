package io.stateside.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import io.stateside.protocol.crdt.CrdtDelta;
import io.stateside.protocol.crdt.CrdtStreamOut;
import io.stateside.protocol.crdt.LWWRegisterDelta;
import io.stateside.tck.model.crdt.Response;
import io.stateside.tck.protocol.CrdtDeltas;
import io.stateside.tck.protocol.CrdtEffects;
import io.stateside.tck.protocol.CrdtMessages;
import java.util.List;
import org.junit.jupiter.api.Test;

class CrdtMessagesTest {

  private static CrdtStreamOut replyWith(CrdtDelta delta) {
    return CrdtMessages.reply(1, Response.getDefaultInstance(), CrdtEffects.update(delta));
  }

  @Test
  void setElementsCompareInAnyOrder() {
    assertEquals(CrdtMessages.comparable(replyWith(CrdtDeltas.gset("a", "b", "c"))),
        CrdtMessages.comparable(replyWith(CrdtDeltas.gset("c", "a", "b"))));
    assertEquals(CrdtMessages.comparable(replyWith(CrdtDeltas.orset(false, List.of("x", "y"), List.of("b", "a")))),
        CrdtMessages.comparable(replyWith(CrdtDeltas.orset(false, List.of("y", "x"), List.of("a", "b")))));
  }

  @Test
  void mapEntriesCompareInAnyOrderAtAnyDepth() {
    CrdtDelta inner = CrdtDeltas.ormap(CrdtDeltas.ormap().addAdded(CrdtDeltas.entry("GSet-1", CrdtDeltas.gset("p", "q"))));
    CrdtDelta innerReordered =
        CrdtDeltas.ormap(CrdtDeltas.ormap().addAdded(CrdtDeltas.entry("GSet-1", CrdtDeltas.gset("q", "p"))));
    CrdtDelta one = CrdtDeltas.ormap(CrdtDeltas.ormap()
        .addUpdated(CrdtDeltas.entry("ORMap-1", inner))
        .addUpdated(CrdtDeltas.entry("GCounter-1", CrdtDeltas.gcounter(1))));
    CrdtDelta other = CrdtDeltas.ormap(CrdtDeltas.ormap()
        .addUpdated(CrdtDeltas.entry("GCounter-1", CrdtDeltas.gcounter(1)))
        .addUpdated(CrdtDeltas.entry("ORMap-1", innerReordered)));
    assertEquals(CrdtMessages.comparable(replyWith(one)), CrdtMessages.comparable(replyWith(other)));
  }

  @Test
  void anEmptyStringWrittenOutIsTheSameString() {
    Any explicit = Any.newBuilder().setTypeUrl(CrdtDeltas.PRIMITIVE_STRING)
        .setValue(ByteString.copyFrom(new byte[] {0x0a, 0x00})).build();
    CrdtDelta written = CrdtDelta.newBuilder().setLwwregister(LWWRegisterDelta.newBuilder().setValue(explicit)).build();
    assertNotEquals(CrdtDeltas.lwwRegister(""), written);
    assertEquals(CrdtMessages.comparable(replyWith(CrdtDeltas.lwwRegister(""))),
        CrdtMessages.comparable(replyWith(written)));
  }

  @Test
  void differentElementsStayDifferent() {
    assertNotEquals(CrdtMessages.comparable(replyWith(CrdtDeltas.gset("a", "b"))),
        CrdtMessages.comparable(replyWith(CrdtDeltas.gset("a", "c"))));
  }
}
