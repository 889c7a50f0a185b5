package io.stateside.tck.crdt;

import io.stateside.tck.model.crdt.FlagValue;
import io.stateside.tck.model.crdt.GCounterValue;
import io.stateside.tck.model.crdt.GSetValue;
import io.stateside.tck.model.crdt.LWWRegisterValue;
import io.stateside.tck.model.crdt.ORMapEntryValue;
import io.stateside.tck.model.crdt.ORMapValue;
import io.stateside.tck.model.crdt.ORSetValue;
import io.stateside.tck.model.crdt.PNCounterValue;
import io.stateside.tck.model.crdt.Response;
import io.stateside.tck.model.crdt.State;
import io.stateside.tck.model.crdt.VoteValue;
import java.util.List;

/**
 * The CRDT model's answers: a {@code Response} with the CRDT's state. The model lists set
 * elements and map entries sorted, so they are given here in sorted order.
 */
final class States {

  private States() {}

  static Response gcounter(long value) {
    return response(State.newBuilder().setGcounter(GCounterValue.newBuilder().setValue(value)));
  }

  static Response pncounter(long value) {
    return response(State.newBuilder().setPncounter(PNCounterValue.newBuilder().setValue(value)));
  }

  static Response gset(String... elements) {
    return response(State.newBuilder().setGset(GSetValue.newBuilder().addAllElements(List.of(elements))));
  }

  static Response orset(String... elements) {
    return response(State.newBuilder().setOrset(ORSetValue.newBuilder().addAllElements(List.of(elements))));
  }

  static Response register(String value) {
    return response(State.newBuilder().setLwwregister(LWWRegisterValue.newBuilder().setValue(value)));
  }

  static Response flag(boolean value) {
    return response(State.newBuilder().setFlag(FlagValue.newBuilder().setValue(value)));
  }

  static Response vote(boolean selfVote, int votesFor, int totalVoters) {
    return response(State.newBuilder().setVote(
        VoteValue.newBuilder().setSelfVote(selfVote).setVotesFor(votesFor).setTotalVoters(totalVoters)));
  }

  /** An ORMap's state, its entries made with {@link #entry} in key order. */
  static Response ormap(ORMapEntryValue... entries) {
    return response(State.newBuilder().setOrmap(ORMapValue.newBuilder().addAllEntries(List.of(entries))));
  }

  static ORMapEntryValue entry(String key, Response value) {
    return ORMapEntryValue.newBuilder().setKey(key).setValue(value.getState()).build();
  }

  private static Response response(State.Builder state) {
    return Response.newBuilder().setState(state).build();
  }
}
