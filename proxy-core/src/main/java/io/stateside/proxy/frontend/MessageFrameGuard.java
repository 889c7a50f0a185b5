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
import java.util.zip.GZIPInputStream;

/**
 * Passes a call's request body through unchanged while reading the 5-byte prefix of each gRPC
 * message: a message declared larger than the limit fails the call with RESOURCE_EXHAUSTED
 * before any of it is buffered; a body that ends inside a message (a prefix that lies) fails it
 * with INVALID_ARGUMENT, and so does a unary call's body that holds no message or more than one.
 *
 * <p>A unary call's compressed message is collected and inflated here, to at most the limit, and
 * passed on uncompressed: akka-grpc would inflate it whole, however large it turns out to be. The
 * compressed messages of a streamed call are left to akka-grpc.
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
            } else if (admit(chunk)) {
              if (compressed == null) {
                push(out, chunk);
              } else {
                collect(chunk);
              }
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

      private boolean admit(ByteString chunk) {
        int i = 0;
        int size = chunk.size();
        while (i < size) {
          if (bodyLeft > 0) {
            int skip = (int) Math.min(bodyLeft, size - i);
            bodyLeft -= skip;
            i += skip;
            continue;
          }
          if (unary && prefixSeen == 0 && messageSeen) {
            refuse(invalid("a unary call takes one message, the request body holds more"));
            return false;
          }
          if (unary && prefixSeen == 0 && (chunk.apply(i) & 1) == 1) {
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
              return false;
            }
            bodyLeft = declaredLength;
            messageSeen = true;
            prefixSeen = 0;
            declaredLength = 0;
          }
        }
        return true;
      }

      private void collect(ByteString chunk) {
        compressed.append(chunk);
        if (bodyLeft > 0 || prefixSeen > 0) {
          pull(in);
          return;
        }
        ByteString message = compressed.result().drop(PREFIX_LENGTH);
        compressed = null;
        try {
          ByteString inflated = inflate(message);
          if (inflated.size() > maxMessageSize) {
            refuse(Status.RESOURCE_EXHAUSTED
                .withDescription("compressed message inflates to over the limit of " + maxMessageSize + " bytes")
                .asRuntimeException());
          } else {
            push(out, uncompressedPrefix(inflated.size()).concat(inflated));
          }
        } catch (IOException e) {
          refuse(invalid("compressed message is not valid gzip: " + e.getMessage()));
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
