package io.stateside.javasupport;

import io.stateside.protocol.crdt.CrdtDelta;
import io.stateside.protocol.crdt.VoteDelta;

/**
 * A vote among the nodes of the cluster: each node holds one vote, this node's is the self vote,
 * and the proxy tells how many nodes vote for and how many vote at all. A new vote counts this
 * node alone, voting against.
 */
public final class Vote extends Crdt {

  private boolean selfVote;
  private int votesFor;
  private int totalVoters = 1;
  private boolean selfVoteChanged;

  /** A new vote: this node alone, voting against. */
  public Vote() {}

  /** @return this node's vote */
  public boolean selfVote() {
    return selfVote;
  }

  /** @return how many nodes vote for, this one included */
  public int votesFor() {
    return votesFor;
  }

  /** @return how many nodes vote */
  public int totalVoters() {
    return totalVoters;
  }

  /** @return whether at least one node votes for */
  public boolean atLeastOne() {
    return votesFor > 0;
  }

  /** @return whether more than half of the nodes vote for */
  public boolean majority() {
    return votesFor > totalVoters / 2;
  }

  /** @return whether every node votes for */
  public boolean all() {
    return votesFor == totalVoters;
  }

  /**
   * Sets this node's vote.
   *
   * @param vote for (true) or against (false); nothing changes if it is the current vote
   */
  public void vote(boolean vote) {
    if (vote != selfVote) {
      selfVote = vote;
      votesFor += vote ? 1 : -1;
      // Voting back within one command cancels out: nothing to send.
      selfVoteChanged = !selfVoteChanged;
    }
  }

  @Override
  boolean hasDelta() {
    return selfVoteChanged;
  }

  @Override
  CrdtDelta delta() {
    return CrdtDelta.newBuilder().setVote(VoteDelta.newBuilder().setSelfVote(selfVote)).build();
  }

  @Override
  void resetDelta() {
    selfVoteChanged = false;
  }

  @Override
  void applyDelta(CrdtDelta delta, CrdtValues values) {
    requireType(delta, CrdtDelta.DeltaCase.VOTE);
    VoteDelta vote = delta.getVote();
    selfVote = vote.getSelfVote();
    votesFor = vote.getVotesFor();
    totalVoters = vote.getTotalVoters();
  }

  @Override
  Vote copy() {
    Vote copy = new Vote();
    copy.selfVote = selfVote;
    copy.votesFor = votesFor;
    copy.totalVoters = totalVoters;
    copy.selfVoteChanged = selfVoteChanged;
    return copy;
  }

  @Override
  public String toString() {
    return "Vote(self " + selfVote + ", " + votesFor + " of " + totalVoters + ")";
  }
}
