package io.stateside.proxy.frontend;

import akka.stream.Attributes;
import akka.stream.FlowShape;
import akka.stream.Inlet;
import akka.stream.Outlet;
import akka.stream.stage.AbstractInHandler;
import akka.stream.stage.AbstractOutHandler;
import akka.stream.stage.GraphStage;
import akka.stream.stage.GraphStageLogic;
import akka.util.ByteString;
import akka.util.ByteStringBuilder;
import io.grpc.Status;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/**
 * Passes a call's request body through unchanged while reading the 5-byte prefix of each gRPC
 * message: a message declared larger than the limit fails the call with RESOURCE_EXHAUSTED
 * before any of it is buffered; a body that ends inside a message (a prefix that lies) fails it
 * with INVALID_ARGUMENT, and so does a unary call's body that holds no message or more than one.
 *
 * <p>Compressed messages, of unary and streamed calls alike, are collected and inflated here,
 * each to at most the limit, and passed on uncompressed: akka-grpc would inflate them whole,
 * however large they turn out to be.
 *
 * <p>After a refusal it reads on and drops up to one more limit's worth of the body before it
 * cancels it: akka-http resets a stream whose request is cancelled, and a reset sent before
 * the answer would leave the client without its status.
 */
final class MessageFrameGuard extends GraphStage<FlowShape<ByteString, ByteString>> {

  private static final int PREFIX_LENGTH = 5;

  private final Inlet<ByteString> in = Inlet.create("MessageFrameGuard.in");
  private final Outlet<ByteString> out = Outlet.create("MessageFrameGuard.out");
  private final FlowShape<ByteString, ByteString> shape = FlowShape.of(in, out);
  private final long maxMessageSize;
  private final boolean unary;

  /** {@code unary}: the body must hold exactly one message. */
  MessageFrameGuard(long maxMessageSize, boolean unary) {
    this.maxMessageSize = maxMessageSize;
    this.unary = unary;
  }

  @Override
  public FlowShape<ByteString, ByteString> shape() {
    return shape;
  }

  @Override
  public GraphStageLogic createLogic(Attributes attributes) {
    return new GraphStageLogic(shape) {
      /** Prefix bytes of the next message seen so far, and the length they spell. */
      private int prefixSeen;
      private long declaredLength;
      /** Body bytes of the current message still to come. */
      private long bodyLeft;
      private boolean messageSeen;
      /** A compressed message is collected here, prefix and all, until it is complete. */
      private ByteStringBuilder compressed;
      /** Set once the call is refused: body bytes still to drop before cancelling the rest. */
      private long dropBudget = -1;

      {
        setHandler(in, new AbstractInHandler() {
          @Override
          public void onPush() {
            ByteString chunk = grab(in);
            if (dropBudget >= 0) {
              drop(chunk);
              return;
            }
            ByteString passed = admit(chunk);
            if (dropBudget >= 0) {
              return; // refused: admit has failed the call
            }
            if (passed.isEmpty()) {
              pull(in);
            } else {
              push(out, passed);
            }
          }

          @Override
          public void onUpstreamFinish() {
            if (dropBudget >= 0) {
              completeStage();
            } else if (prefixSeen > 0 || bodyLeft > 0) {
              failStage(invalid("request body ends inside a message (its length prefix says more)"));
            } else if (unary && !messageSeen) {
              failStage(invalid("request body holds no message"));
            } else {
              completeStage();
            }
          }
        });
        setHandler(out, new AbstractOutHandler() {
          @Override
          public void onPull() {
            pull(in);
          }
        });
      }

      /**
       * What of the chunk goes on now: its bytes as they are, but each compressed message
       * inflated once it is complete (until then, its bytes are held back).
       */
      private ByteString admit(ByteString chunk) {
        ByteString passed = ByteString.emptyByteString();
        int from = 0; // start of the bytes not yet passed on or collected
        int i = 0;
        int size = chunk.size();
        while (i < size) {
          if (bodyLeft > 0) {
            int skip = (int) Math.min(bodyLeft, size - i);
            bodyLeft -= skip;
            i += skip;
            if (bodyLeft == 0 && compressed != null) {
              compressed.append(chunk.slice(from, i));
              from = i;
              Optional<ByteString> inflated = inflateCollected();
              if (inflated.isEmpty()) {
                return ByteString.emptyByteString();
              }
              passed = passed.concat(inflated.get());
            }
            continue;
          }
          if (unary && prefixSeen == 0 && messageSeen) {
            refuse(invalid("a unary call takes one message, the request body holds more"));
            return ByteString.emptyByteString();
          }
          if (prefixSeen == 0 && (chunk.apply(i) & 1) == 1) {
            passed = passed.concat(chunk.slice(from, i));
            from = i;
            compressed = new ByteStringBuilder();
          }
          if (prefixSeen > 0) {
            // Bytes 1 to 4 of the prefix are the message length, big-endian and unsigned.
            declaredLength = (declaredLength << 8) | (chunk.apply(i) & 0xff);
          }
          prefixSeen++;
          i++;
          if (prefixSeen == PREFIX_LENGTH) {
            if (declaredLength > maxMessageSize) {
              refuse(Status.RESOURCE_EXHAUSTED
                  .withDescription("message of " + declaredLength + " bytes is over the limit of "
                      + maxMessageSize + " bytes")
                  .asRuntimeException());
              return ByteString.emptyByteString();
            }
            bodyLeft = declaredLength;
            messageSeen = true;
            prefixSeen = 0;
            declaredLength = 0;
            if (bodyLeft == 0 && compressed != null) {
              refuse(invalid("compressed message is empty, not gzip"));
              return ByteString.emptyByteString();
            }
          }
        }
        if (compressed != null) {
          compressed.append(chunk.slice(from, size));
          return passed;
        }
        return passed.concat(chunk.slice(from, size));
      }

      /** The complete compressed message collected, inflated, with its prefix; empty when refused. */
      private Optional<ByteString> inflateCollected() {
        ByteString message = compressed.result().drop(PREFIX_LENGTH);
        compressed = null;
        try {
          ByteString inflated = inflate(message);
          if (inflated.size() > maxMessageSize) {
            refuse(Status.RESOURCE_EXHAUSTED
                .withDescription("compressed message inflates to over the limit of " + maxMessageSize + " bytes")
                .asRuntimeException());
            return Optional.empty();
          }
          return Optional.of(uncompressedPrefix(inflated.size()).concat(inflated));
        } catch (IOException e) {
          refuse(invalid("compressed message is not valid gzip: " + e.getMessage()));
          return Optional.empty();
        }
      }

      /** At most one byte more than the limit, enough to tell that it is over. */
      private ByteString inflate(ByteString message) throws IOException {
        try (InputStream in = new GZIPInputStream(message.iterator().asInputStream())) {
          return ByteString.fromArrayUnsafe(in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxMessageSize + 1)));
        }
      }

      private void refuse(RuntimeException refusal) {
        fail(out, refusal);
        dropBudget = maxMessageSize;
        pull(in);
      }

      private void drop(ByteString chunk) {
        dropBudget -= chunk.size();
        if (dropBudget < 0) {
          cancel(in);
          completeStage();
        } else {
          pull(in);
        }
      }
    };
  }

  private static ByteString uncompressedPrefix(int length) {
    return ByteString.fromArrayUnsafe(new byte[] {
        0, (byte) (length >>> 24), (byte) (length >>> 16), (byte) (length >>> 8), (byte) length});
  }

  private static RuntimeException invalid(String problem) {
    return Status.INVALID_ARGUMENT.withDescription(problem).asRuntimeException();
  }
}
