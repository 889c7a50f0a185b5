package io.stateside.proxy.crdt;

import akka.actor.Address;
import akka.cluster.UniqueAddress;
import akka.serialization.SerializerWithStringManifest;
import com.google.protobuf.InvalidProtocolBufferException;
import io.stateside.protocol.internal.ClusterNode;
import io.stateside.protocol.internal.NodeVote;
import io.stateside.protocol.internal.VoteData;
import java.io.NotSerializableException;
import java.util.HashMap;
import java.util.Map;

/**
 * Carries the proxy's own CRDT ({@link Vote}) between nodes; Akka's serializer covers its
 * own types. Bound in reference.conf.
 */
public final class CrdtSerializer extends SerializerWithStringManifest {

  private static final String VOTE = "V";

  @Override
  public int identifier() {
    return 8002;
  }

  @Override
  public String manifest(Object o) {
    if (o instanceof Vote) {
      return VOTE;
    }
    throw new IllegalArgumentException("CrdtSerializer cannot serialize " + o.getClass().getName());
  }

  @Override
  public byte[] toBinary(Object o) {
    if (!(o instanceof Vote vote)) {
      throw new IllegalArgumentException("CrdtSerializer cannot serialize " + o.getClass().getName());
    }
    VoteData.Builder data = VoteData.newBuilder();
    // Sorted: Distributed Data compares replicas by a digest of these bytes.
    vote.versions().entrySet().stream()
        .sorted(Map.Entry.comparingByKey((a, b) -> a.compare(b)))
        .forEach(entry -> data.addVotes(
            NodeVote.newBuilder().setNode(node(entry.getKey())).setVersion(entry.getValue())));
    return data.build().toByteArray();
  }

  @Override
  public Object fromBinary(byte[] bytes, String manifest) throws NotSerializableException {
    if (!VOTE.equals(manifest)) {
      throw new NotSerializableException("Unknown manifest for CrdtSerializer: " + manifest);
    }
    try {
      Map<UniqueAddress, Long> versions = new HashMap<>();
      for (NodeVote vote : VoteData.parseFrom(bytes).getVotesList()) {
        versions.put(uniqueAddress(vote.getNode()), vote.getVersion());
      }
      return Vote.of(versions);
    } catch (InvalidProtocolBufferException e) {
      NotSerializableException failure = new NotSerializableException("Unreadable Vote: " + e.getMessage());
      failure.initCause(e);
      throw failure;
    }
  }

  private static ClusterNode node(UniqueAddress node) {
    Address address = node.address();
    return ClusterNode.newBuilder()
        .setProtocol(address.protocol())
        .setSystem(address.system())
        .setHostname(address.getHost().orElse(""))
        .setPort(address.getPort().orElse(0))
        .setUid(node.longUid())
        .build();
  }

  private static UniqueAddress uniqueAddress(ClusterNode node) {
    // Cluster members always have a host and port.
    Address address = new Address(node.getProtocol(), node.getSystem(), node.getHostname(), node.getPort());
    return new UniqueAddress(address, node.getUid());
  }
}
