package io.stateside.tck.javamodel;

import io.stateside.javasupport.Crdt;
import io.stateside.javasupport.CrdtContext;
import io.stateside.javasupport.Flag;
import io.stateside.javasupport.GCounter;
import io.stateside.javasupport.GSet;
import io.stateside.javasupport.LWWRegister;
import io.stateside.javasupport.ORMap;
import io.stateside.javasupport.ORSet;
import io.stateside.javasupport.PNCounter;
import io.stateside.javasupport.Vote;
import io.stateside.tck.model.crdt.FlagValue;
import io.stateside.tck.model.crdt.GCounterValue;
import io.stateside.tck.model.crdt.GSetValue;
import io.stateside.tck.model.crdt.LWWRegisterClock;
import io.stateside.tck.model.crdt.LWWRegisterValue;
import io.stateside.tck.model.crdt.ORMapEntryValue;
import io.stateside.tck.model.crdt.ORMapUpdate;
import io.stateside.tck.model.crdt.ORMapValue;
import io.stateside.tck.model.crdt.ORSetUpdate;
import io.stateside.tck.model.crdt.ORSetValue;
import io.stateside.tck.model.crdt.PNCounterValue;
import io.stateside.tck.model.crdt.State;
import io.stateside.tck.model.crdt.Update;
import io.stateside.tck.model.crdt.VoteValue;
import java.util.Comparator;
import java.util.function.Supplier;

/**
 * The CRDTs of the CRDT TCK model: which type a name stands for (its prefix before the first
 * {@code -}), how a model {@code Update} changes it, and its {@code State} as the model answers it
 * (set elements and map keys sorted, so the answer does not depend on hash order). Elements, keys
 * and register values are strings.
 */
final class CrdtTckModelState {

  private CrdtTckModelState() {}

  /** The entity's CRDT, created from its id's prefix if it has none yet. */
  static Crdt of(CrdtContext context) {
    String name = context.entityId();
    return switch (typeOf(name)) {
      case "GCounter" -> context.getOrCreate(GCounter.class, GCounter::new);
      case "PNCounter" -> context.getOrCreate(PNCounter.class, PNCounter::new);
      case "GSet" -> context.getOrCreate(GSet.class, GSet<String>::new);
      case "ORSet" -> context.getOrCreate(ORSet.class, ORSet<String>::new);
      case "LWWRegister" -> context.getOrCreate(LWWRegister.class, () -> new LWWRegister<>(""));
      case "Flag" -> context.getOrCreate(Flag.class, Flag::new);
      case "ORMap" -> context.getOrCreate(ORMap.class, ORMap<String, Crdt>::new);
      case "Vote" -> context.getOrCreate(Vote.class, Vote::new);
      default -> throw unknown(name);
    };
  }

  /** A new CRDT of the type a name (an entity id or an ORMap key) stands for. */
  static Supplier<Crdt> creator(String name) {
    return switch (typeOf(name)) {
      case "GCounter" -> GCounter::new;
      case "PNCounter" -> PNCounter::new;
      case "GSet" -> GSet<String>::new;
      case "ORSet" -> ORSet<String>::new;
      case "LWWRegister" -> () -> new LWWRegister<>("");
      case "Flag" -> Flag::new;
      case "ORMap" -> ORMap<String, Crdt>::new;
      case "Vote" -> Vote::new;
      default -> throw unknown(name);
    };
  }

  private static String typeOf(String name) {
    return name.split("-", 2)[0];
  }

  private static IllegalArgumentException unknown(String name) {
    return new IllegalArgumentException("No CRDT type for '" + name + "': its prefix must name one");
  }

  @SuppressWarnings("unchecked")
  static void apply(Crdt crdt, Update update) {
    switch (update.getUpdateCase()) {
      case GCOUNTER -> ((GCounter) crdt).increment(update.getGcounter().getIncrement());
      case PNCOUNTER -> ((PNCounter) crdt).increment(update.getPncounter().getChange());
      case GSET -> ((GSet<String>) crdt).add(update.getGset().getAdd());
      case ORSET -> apply((ORSet<String>) crdt, update.getOrset());
      case LWWREGISTER -> {
        LWWRegisterClock clock = update.getLwwregister().getClock();
        ((LWWRegister<String>) crdt).set(update.getLwwregister().getValue(),
            LWWRegister.Clock.valueOf(clock.getClockType().name()), clock.getCustomClockValue());
      }
      case FLAG -> ((Flag) crdt).enable();
      case ORMAP -> apply((ORMap<String, Crdt>) crdt, update.getOrmap());
      case VOTE -> ((Vote) crdt).vote(update.getVote().getSelfVote());
      case UPDATE_NOT_SET -> { }
    }
  }

  private static void apply(ORSet<String> set, ORSetUpdate update) {
    switch (update.getActionCase()) {
      case ADD -> set.add(update.getAdd());
      case REMOVE -> set.remove(update.getRemove());
      case CLEAR -> {
        if (update.getClear()) {
          set.clear();
        }
      }
      case ACTION_NOT_SET -> { }
    }
  }

  private static void apply(ORMap<String, Crdt> map, ORMapUpdate update) {
    switch (update.getActionCase()) {
      case ADD -> map.getOrCreate(update.getAdd(), creator(update.getAdd()));
      case UPDATE -> {
        String key = update.getUpdate().getKey();
        apply(map.getOrCreate(key, creator(key)), update.getUpdate().getUpdate());
      }
      case REMOVE -> map.remove(update.getRemove());
      case CLEAR -> {
        if (update.getClear()) {
          map.clear();
        }
      }
      case ACTION_NOT_SET -> { }
    }
  }

  @SuppressWarnings("unchecked")
  static State stateOf(Crdt crdt) {
    State.Builder state = State.newBuilder();
    if (crdt instanceof GCounter counter) {
      state.setGcounter(GCounterValue.newBuilder().setValue(counter.value()));
    } else if (crdt instanceof PNCounter counter) {
      state.setPncounter(PNCounterValue.newBuilder().setValue(counter.value()));
    } else if (crdt instanceof GSet<?> set) {
      state.setGset(GSetValue.newBuilder().addAllElements(((GSet<String>) set).elements().stream().sorted().toList()));
    } else if (crdt instanceof ORSet<?> set) {
      state.setOrset(ORSetValue.newBuilder().addAllElements(((ORSet<String>) set).elements().stream().sorted().toList()));
    } else if (crdt instanceof LWWRegister<?> register) {
      state.setLwwregister(LWWRegisterValue.newBuilder().setValue((String) register.get()));
    } else if (crdt instanceof Flag flag) {
      state.setFlag(FlagValue.newBuilder().setValue(flag.isEnabled()));
    } else if (crdt instanceof ORMap<?, ?> map) {
      ORMapValue.Builder entries = ORMapValue.newBuilder();
      ((ORMap<String, Crdt>) map).entries().entrySet().stream()
          .sorted(Comparator.comparing(entry -> entry.getKey()))
          .forEach(entry -> entries.addEntries(
              ORMapEntryValue.newBuilder().setKey(entry.getKey()).setValue(stateOf(entry.getValue()))));
      state.setOrmap(entries);
    } else if (crdt instanceof Vote vote) {
      state.setVote(VoteValue.newBuilder()
          .setSelfVote(vote.selfVote()).setVotesFor(vote.votesFor()).setTotalVoters(vote.totalVoters()));
    }
    return state.build();
  }
}
