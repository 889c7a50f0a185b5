package io.stateside.tck.crdt;

import io.stateside.tck.model.crdt.FlagUpdate;
import io.stateside.tck.model.crdt.GCounterUpdate;
import io.stateside.tck.model.crdt.GSetUpdate;
import io.stateside.tck.model.crdt.LWWRegisterClock;
import io.stateside.tck.model.crdt.LWWRegisterClockType;
import io.stateside.tck.model.crdt.LWWRegisterUpdate;
import io.stateside.tck.model.crdt.ORMapEntryUpdate;
import io.stateside.tck.model.crdt.ORMapUpdate;
import io.stateside.tck.model.crdt.ORSetUpdate;
import io.stateside.tck.model.crdt.PNCounterUpdate;
import io.stateside.tck.model.crdt.RequestAction;
import io.stateside.tck.model.crdt.Update;
import io.stateside.tck.model.crdt.UpdateWriteConsistency;
import io.stateside.tck.model.crdt.VoteUpdate;

/** The CRDT model's update actions, one per change a request asks of its entity's CRDT. */
final class Updates {

  private Updates() {}

  static RequestAction increment(long by) {
    return action(Update.newBuilder().setGcounter(GCounterUpdate.newBuilder().setIncrement(by)));
  }

  static RequestAction increment(long by, UpdateWriteConsistency consistency) {
    return action(Update.newBuilder().setGcounter(GCounterUpdate.newBuilder().setIncrement(by))
        .setWriteConsistency(consistency));
  }

  static RequestAction change(long by) {
    return action(Update.newBuilder().setPncounter(PNCounterUpdate.newBuilder().setChange(by)));
  }

  static RequestAction gsetAdd(String element) {
    return action(Update.newBuilder().setGset(GSetUpdate.newBuilder().setAdd(element)));
  }

  static RequestAction orsetAdd(String element) {
    return action(Update.newBuilder().setOrset(ORSetUpdate.newBuilder().setAdd(element)));
  }

  static RequestAction orsetRemove(String element) {
    return action(Update.newBuilder().setOrset(ORSetUpdate.newBuilder().setRemove(element)));
  }

  static RequestAction orsetClear() {
    return action(Update.newBuilder().setOrset(ORSetUpdate.newBuilder().setClear(true)));
  }

  static RequestAction register(String value) {
    return register(value, LWWRegisterClockType.DEFAULT, 0);
  }

  static RequestAction register(String value, LWWRegisterClockType clock, long customClockValue) {
    return action(Update.newBuilder().setLwwregister(LWWRegisterUpdate.newBuilder().setValue(value)
        .setClock(LWWRegisterClock.newBuilder().setClockType(clock).setCustomClockValue(customClockValue))));
  }

  static RequestAction enableFlag() {
    return action(Update.newBuilder().setFlag(FlagUpdate.getDefaultInstance()));
  }

  /** Adds the key to an ORMap, with a new CRDT of the kind the key's prefix names. */
  static RequestAction mapAdd(String key) {
    return action(Update.newBuilder().setOrmap(ORMapUpdate.newBuilder().setAdd(key)));
  }

  /** Applies {@code update} (one of this class's actions) to the map's value at the key, created if absent. */
  static RequestAction mapUpdate(String key, RequestAction update) {
    return action(Update.newBuilder().setOrmap(ORMapUpdate.newBuilder()
        .setUpdate(ORMapEntryUpdate.newBuilder().setKey(key).setUpdate(update.getUpdate()))));
  }

  static RequestAction mapRemove(String key) {
    return action(Update.newBuilder().setOrmap(ORMapUpdate.newBuilder().setRemove(key)));
  }

  static RequestAction mapClear() {
    return action(Update.newBuilder().setOrmap(ORMapUpdate.newBuilder().setClear(true)));
  }

  static RequestAction vote(boolean selfVote) {
    return action(Update.newBuilder().setVote(VoteUpdate.newBuilder().setSelfVote(selfVote)));
  }

  private static RequestAction action(Update.Builder update) {
    return RequestAction.newBuilder().setUpdate(update).build();
  }
}
