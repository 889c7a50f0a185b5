package io.stateside.proxy.testing;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.DefaultHttp2ResetFrame;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2GoAwayFrame;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2ResetFrame;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamChannelBootstrap;
import io.netty.util.ReferenceCountUtil;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One HTTP/2 connection that sends whatever frames a test asks for, for the requests no gRPC
 * client library would send: lying length prefixes, unknown encodings, oversized headers,
 * odd grpc-timeout values, streams reset right after their headers. It remembers a GOAWAY, so
 * a test can tell that a bad call did not cost the connection.
 */
public final class RawHttp2Connection implements AutoCloseable {

  private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(30);

  private final EventLoopGroup loop = new NioEventLoopGroup(1);
  private final Channel channel;
  private final int port;
  private final AtomicReference<String> goAway = new AtomicReference<>();

  /** What came back on one stream. */
  public record Answer(Http2Headers headers, Http2Headers trailers, byte[] body, String resetCode) {
    /** The grpc-status, from the trailers or from a trailers-only answer; null when there was none. */
    public String grpcStatus() {
      return value("grpc-status");
    }

    public String grpcMessage() {
      return value("grpc-message");
    }

    private String value(String name) {
      Http2Headers source = trailers != null ? trailers : headers;
      CharSequence value = source == null ? null : source.get(name);
      return value == null ? null : value.toString();
    }
  }

  /** One stream opened by the test; its answer completes when the server ends or resets it. */
  public final class Stream {
    private final Http2StreamChannel stream;
    private final CompletableFuture<Answer> answer;

    private Stream(Http2StreamChannel stream, CompletableFuture<Answer> answer) {
      this.stream = stream;
      this.answer = answer;
    }

    public Stream data(byte[] bytes, boolean endStream) {
      stream.writeAndFlush(new DefaultHttp2DataFrame(Unpooled.wrappedBuffer(bytes), endStream)).syncUninterruptibly();
      return this;
    }

    public Stream reset() {
      stream.writeAndFlush(new DefaultHttp2ResetFrame(Http2Error.CANCEL)).syncUninterruptibly();
      return this;
    }

    public CompletableFuture<Answer> answer() {
      return answer;
    }

    /** Waits for the answer, failing the test if none comes in good time. */
    public Answer awaitAnswer() {
      return answer.orTimeout(ANSWER_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).join();
    }
  }

  public RawHttp2Connection(int port) {
    this.port = port;
    this.channel = new Bootstrap()
        .group(loop)
        .channel(NioSocketChannel.class)
        .handler(new ChannelInitializer<>() {
          @Override
          protected void initChannel(Channel ch) {
            ch.pipeline().addLast(
                Http2FrameCodecBuilder.forClient().build(),
                new Http2MultiplexHandler(new ChannelInboundHandlerAdapter()),
                new ChannelInboundHandlerAdapter() {
                  @Override
                  public void channelRead(ChannelHandlerContext ctx, Object msg) {
                    if (msg instanceof Http2GoAwayFrame frame) {
                      goAway.compareAndSet(null, Http2Error.valueOf(frame.errorCode()) + ": "
                          + frame.content().toString(java.nio.charset.StandardCharsets.UTF_8));
                    }
                    ReferenceCountUtil.release(msg);
                  }
                });
          }
        })
        .connect("127.0.0.1", port)
        .syncUninterruptibly()
        .channel();
  }

  /** The GOAWAY the server sent on this connection (error code and debug text), or null. */
  public String goAway() {
    return goAway.get();
  }

  public boolean isOpen() {
    return channel.isActive();
  }

  /** Headers of a gRPC call to {@code service/method}, to add to or change before sending. */
  public Http2Headers grpcHeaders(String service, String method) {
    return new DefaultHttp2Headers()
        .method("POST")
        .scheme("http")
        .authority("127.0.0.1:" + port)
        .path("/" + service + "/" + method)
        .add("content-type", "application/grpc")
        .add("te", "trailers");
  }

  /** Opens a stream with the given headers. */
  public Stream open(Http2Headers headers, boolean endStream) {
    CompletableFuture<Answer> answer = new CompletableFuture<>();
    Http2StreamChannel stream = new Http2StreamChannelBootstrap(channel)
        .handler(new AnswerCollector(answer))
        .open()
        .syncUninterruptibly()
        .getNow();
    stream.writeAndFlush(new DefaultHttp2HeadersFrame(headers, endStream)).syncUninterruptibly();
    return new Stream(stream, answer);
  }

  /** A complete unary call: the headers, then one message in one frame. */
  public Stream call(Http2Headers headers, byte[] message) {
    return open(headers, false).data(grpcMessage(message), true);
  }

  /** A message with its gRPC prefix: not compressed, its true length. */
  public static byte[] grpcMessage(byte[] message) {
    return prefixed(message.length, message);
  }

  /** A message whose prefix declares {@code declaredLength}, followed by {@code bytes}. */
  public static byte[] prefixed(int declaredLength, byte[] bytes) {
    return ByteBuffer.allocate(5 + bytes.length).put((byte) 0).putInt(declaredLength).put(bytes).array();
  }

  @Override
  public void close() {
    channel.close().syncUninterruptibly();
    loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }

  /** Collects one stream's headers, body and trailers. */
  private static final class AnswerCollector extends ChannelInboundHandlerAdapter {
    private final CompletableFuture<Answer> answer;
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private Http2Headers headers;

    AnswerCollector(CompletableFuture<Answer> answer) {
      this.answer = answer;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      try {
        if (msg instanceof Http2HeadersFrame frame) {
          if (headers == null) {
            headers = frame.headers();
            if (frame.isEndStream()) {
              answer.complete(new Answer(headers, null, body.toByteArray(), null));
            }
          } else {
            answer.complete(new Answer(headers, frame.headers(), body.toByteArray(), null));
          }
        } else if (msg instanceof Http2DataFrame frame) {
          ByteBuf content = frame.content();
          byte[] bytes = new byte[content.readableBytes()];
          content.readBytes(bytes);
          body.writeBytes(bytes);
          if (frame.isEndStream()) {
            answer.complete(new Answer(headers, null, body.toByteArray(), null));
          }
        }
      } finally {
        ReferenceCountUtil.release(msg);
      }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
      // Netty hands a stream's RST_STREAM to its channel as an event.
      if (event instanceof Http2ResetFrame frame) {
        answer.complete(new Answer(headers, null, body.toByteArray(), String.valueOf(Http2Error.valueOf(frame.errorCode()))));
      }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      answer.completeExceptionally(new IllegalStateException("stream closed without an answer"));
    }
  }
}
