package io.stateside.javasupport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.stateside.example.counter.CounterValue;
import io.stateside.example.counter.IncreaseRequest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The proxy holds one stream per active entity, all on one connection: far more than HTTP/2
 * servers allow by default (akka-http: 256) must be served at once.
 */
class ManyStreamsTest {

  @Test
  void servesMoreConcurrentEntityStreamsThanHttp2Defaults() throws Exception {
    try (LoopbackUserFunction userFunction = LoopbackUserFunction.start()) {
      List<EntityStreamProbe> streams = new ArrayList<>();
      for (int i = 0; i < 300; i++) {
        streams.add(userFunction.openStream().init(CounterEntity.SERVICE_NAME, "many-" + i));
      }
      for (EntityStreamProbe stream : streams) {
        CounterValue value = stream.command("Increase", IncreaseRequest.newBuilder().setBy(2).build())
            .getClientAction().getReply().getPayload().unpack(CounterValue.class);
        assertEquals(2, value.getValue());
      }
      streams.forEach(EntityStreamProbe::close);
    }
  }
}
