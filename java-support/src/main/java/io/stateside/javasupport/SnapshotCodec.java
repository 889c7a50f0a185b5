package io.stateside.javasupport;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import java.util.function.Function;

/** Turns an entity's state into its snapshot message and back. */
final class SnapshotCodec<S, P extends Message> {

  private final MessageType<P> snapshotType;
  private final Function<? super S, ? extends P> toSnapshot;
  private final Function<? super P, ? extends S> fromSnapshot;

  SnapshotCodec(
      MessageType<P> snapshotType,
      Function<? super S, ? extends P> toSnapshot,
      Function<? super P, ? extends S> fromSnapshot) {
    this.snapshotType = snapshotType;
    this.toSnapshot = toSnapshot;
    this.fromSnapshot = fromSnapshot;
  }

  Any encode(S state) {
    P snapshot = toSnapshot.apply(state);
    if (snapshot == null) {
      throw new IllegalStateException("The snapshot function returned null");
    }
    return MessageType.pack(snapshot);
  }

  S decode(Any snapshot) throws InvalidProtocolBufferException {
    if (!snapshotType.matches(snapshot)) {
      throw new IllegalArgumentException(
          "Expected a snapshot of type " + snapshotType.fullName() + ", got " + snapshot.getTypeUrl());
    }
    S state = fromSnapshot.apply(snapshotType.parse(snapshot));
    if (state == null) {
      throw new IllegalStateException("The function restoring a snapshot returned null");
    }
    return state;
  }
}
