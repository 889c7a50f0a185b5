package io.stateside.proxy.crdt;

import static io.stateside.proxy.crdt.ORMapDeltasTest.vote;
import static io.stateside.proxy.crdt.TwoNodes.merged;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.cluster.ddata.ReplicatedData;
import akka.cluster.ddata.SelfUniqueAddress;
import io.stateside.protocol.crdt.CrdtDelta;
import io.stateside.protocol.crdt.VoteDelta;
import org.junit.jupiter.api.Test;
import scala.jdk.javaapi.CollectionConverters;

class VoteDeltasTest {

  private final TwoNodes nodes = new TwoNodes();

  @Test
  void votesCastOnTwoNodesMergeToTheSameTally() {
    ReplicatedData onA = nodes.onA.create(vote(true));
    ReplicatedData onB = nodes.onB.create(vote(false));

    ReplicatedData merged = merged(onA, onB);
    assertEquals(merged, merged(onB, onA));
    assertEquals(tally(true, 1, 2), nodes.onA.state(merged));
    assertEquals(tally(false, 1, 2), nodes.onB.state(merged));
  }

  @Test
  void theLatestChangeOfANodesVoteWinsOverAnOlderCopy() {
    ReplicatedData yes = nodes.onA.create(vote(true));
    ReplicatedData no = nodes.onA.apply(nodes.onA.apply(nodes.onA.apply(yes, vote(false)), vote(true)), vote(false));

    assertEquals(tally(false, 0, 1), nodes.onA.state(merged(yes, no)));
    assertEquals(merged(yes, no), merged(no, yes));
  }

  @Test
  void votingTheSameAgainChangesNothing() {
    ReplicatedData yes = nodes.onA.create(vote(true));

    assertEquals(yes, nodes.onA.apply(yes, vote(true)));
  }

  @Test
  void theUserFunctionsTallyFieldsAreIgnored() {
    CrdtDelta claim = CrdtDelta.newBuilder()
        .setVote(VoteDelta.newBuilder().setSelfVote(true).setVotesFor(40).setTotalVoters(50)).build();

    assertEquals(tally(true, 1, 1), nodes.onA.state(nodes.onA.create(claim)));
  }

  @Test
  void aNodeRemovedFromTheClusterStopsCounting() {
    SelfUniqueAddress c = TwoNodes.node(2553, 33);
    Vote vote = (Vote) merged(merged(nodes.onA.create(vote(false)), nodes.onB.create(vote(true))),
        new CrdtDeltas(c).create(vote(true)));
    assertEquals(tally(false, 2, 3), nodes.onA.state(vote));

    assertTrue(vote.needPruningFrom(c.uniqueAddress()));
    assertTrue(CollectionConverters.asJava(vote.modifiedByNodes()).contains(c.uniqueAddress()));
    Vote pruned = vote.prune(c.uniqueAddress(), TwoNodes.A.uniqueAddress());

    assertFalse(pruned.needPruningFrom(c.uniqueAddress()));
    assertEquals(tally(false, 1, 2), nodes.onA.state(pruned));
    assertEquals(pruned, vote.pruningCleanup(c.uniqueAddress()));
  }

  @Test
  void betweenTellsTheUserFunctionTheWholeNewTally() {
    ReplicatedData seen = nodes.onA.create(vote(true));
    ReplicatedData latest = merged(seen, nodes.onB.apply(seen, vote(true)));

    assertEquals(tally(true, 2, 2), nodes.onA.between(seen, latest).orElseThrow());
    assertEquals(UserFunctionValue.of(nodes.onA.state(latest)), UserFunctionValue.caughtUp(nodes.onA, seen, latest));
    assertTrue(nodes.onA.between(latest, nodes.onB.apply(latest, vote(true))).isEmpty());
  }

  @Test
  void stateThenCreateRoundTripsTheOwnVote() {
    ReplicatedData yes = nodes.onA.create(vote(true));

    assertEquals(yes, nodes.onA.create(nodes.onA.state(yes)));
  }

  private static CrdtDelta tally(boolean selfVote, int votesFor, int voters) {
    return CrdtDelta.newBuilder()
        .setVote(VoteDelta.newBuilder().setSelfVote(selfVote).setVotesFor(votesFor).setTotalVoters(voters))
        .build();
  }
}
