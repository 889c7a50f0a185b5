package io.stateside.proxy.crdt;

import akka.cluster.ddata.SelfUniqueAddress;
import io.stateside.protocol.crdt.CrdtDelta;
import io.stateside.protocol.crdt.VoteDelta;
import java.util.Optional;

/**
 * Vote: the user function sets this node's vote; it is told the whole tally (its own vote,
 * votes for, voters), never an increment.
 */
final class VoteWire implements CrdtWire<Vote> {

  private final SelfUniqueAddress node;

  VoteWire(SelfUniqueAddress node) {
    this.node = node;
  }

  @Override
  public Class<?> dataClass() {
    return Vote.class;
  }

  @Override
  public CrdtDelta.DeltaCase deltaCase() {
    return CrdtDelta.DeltaCase.VOTE;
  }

  @Override
  public Vote create(CrdtDelta delta) {
    return apply(Vote.empty(), delta);
  }

  @Override
  public Vote apply(Vote current, CrdtDelta delta) {
    // votes_for and total_voters are the proxy's to say: ignored here.
    return current.cast(node.uniqueAddress(), delta.getVote().getSelfVote());
  }

  @Override
  public CrdtDelta state(Vote data) {
    VoteDelta tally = VoteDelta.newBuilder()
        .setSelfVote(data.inFavour(node.uniqueAddress()))
        .setVotesFor(data.votesFor())
        .setTotalVoters(data.voters())
        .build();
    return CrdtDelta.newBuilder().setVote(tally).build();
  }

  @Override
  public Optional<CrdtDelta> between(Vote seen, Vote latest) {
    CrdtDelta before = state(seen);
    CrdtDelta after = state(latest);
    return before.equals(after) ? Optional.empty() : Optional.of(after);
  }
}
