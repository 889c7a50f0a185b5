package io.stateside.javasupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.stream.javadsl.Sink;
import com.google.protobuf.Message;
import io.stateside.protocol.action.ActionCommand;
import io.stateside.protocol.action.ActionResponse;
import io.stateside.tck.model.eventlogeventing.EventOne;
import io.stateside.tck.model.eventlogeventing.EventTwo;
import io.stateside.tck.model.eventlogeventing.ProcessStep;
import io.stateside.tck.model.eventlogeventing.Reply;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Serving an action call must not start a thread. This module's tests run with the common
 * fork-join pool's parallelism at 1, as on a machine of two CPUs: there every stage chained
 * without an executor on the stages Akka's Java APIs return starts a thread of its own.
 */
class ActionThreadUseTest {

  private static final int CALLS = 500;

  private static LoopbackUserFunction userFunction;

  @BeforeAll
  static void start() throws Exception {
    assertEquals(1, ForkJoinPool.getCommonPoolParallelism(),
        "the surefire configuration sets the common pool's parallelism as on a two-CPU machine");
    userFunction = LoopbackUserFunction.start();
  }

  @AfterAll
  static void stop() throws Exception {
    userFunction.close();
  }

  @Test
  void unaryActionCallsStartNoThreadPerCall() throws Exception {
    ActionCommand command = event("ProcessEventOne",
        EventOne.newBuilder().setStep(ProcessStep.newBuilder().setReply(Reply.newBuilder().setMessage("hi"))).build());

    long started = threadsStartedBy(() -> {
      ActionResponse answer = userFunction.actions().handleUnary(command).toCompletableFuture()
          .get(LoopbackUserFunction.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      assertTrue(answer.hasReply(), answer::toString);
    });

    assertTrue(started < CALLS / 10, started + " threads started while serving " + CALLS + " unary calls");
  }

  @Test
  void serverStreamingActionCallsStartNoThreadPerCall() throws Exception {
    ActionCommand command = event("ProcessEventTwo",
        EventTwo.newBuilder().addStep(ProcessStep.newBuilder().setReply(Reply.newBuilder().setMessage("hi"))).build());

    long started = threadsStartedBy(() -> {
      List<ActionResponse> answers = userFunction.actions().handleStreamedOut(command)
          .runWith(Sink.seq(), userFunction.clientSystem())
          .toCompletableFuture().get(LoopbackUserFunction.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      assertEquals(1, answers.size(), answers::toString);
    });

    assertTrue(started < CALLS / 10, started + " threads started while serving " + CALLS + " server-streaming calls");
  }

  private static ActionCommand event(String method, Message event) {
    return ActionCommand.newBuilder()
        .setServiceName(EventingModel.SUBSCRIBER)
        .setName(method)
        .setPayload(MessageType.pack(event))
        .setMetadata(CloudEvent.of("cart-1/1", "eventlogeventing-one", "event").toMetadata().toProtocol())
        .build();
  }

  /** Threads this JVM started during {@value #CALLS} calls, after 50 to warm up. */
  private static long threadsStartedBy(Call call) throws Exception {
    for (int i = 0; i < 50; i++) {
      call.run();
    }
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long startedBefore = threads.getTotalStartedThreadCount();
    for (int i = 0; i < CALLS; i++) {
      call.run();
    }
    return threads.getTotalStartedThreadCount() - startedBefore;
  }

  private interface Call {
    void run() throws Exception;
  }
}
