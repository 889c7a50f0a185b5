package io.stateside.tck.eventsourced;

import com.google.protobuf.Any;
import io.stateside.protocol.SideEffect;
import io.stateside.protocol.eventsourced.EventSourced;
import io.stateside.tck.model.eventsourced.Effect;
import io.stateside.tck.model.eventsourced.Emit;
import io.stateside.tck.model.eventsourced.EventSourcedConfigured;
import io.stateside.tck.model.eventsourced.EventSourcedTckModel;
import io.stateside.tck.model.eventsourced.EventSourcedTwo;
import io.stateside.tck.model.eventsourced.Fail;
import io.stateside.tck.model.eventsourced.Forward;
import io.stateside.tck.model.eventsourced.Persisted;
import io.stateside.tck.model.eventsourced.Request;
import io.stateside.tck.model.eventsourced.RequestAction;
import io.stateside.tck.model.eventsourced.Response;
import io.stateside.tck.protocol.Effects;
import io.stateside.tck.protocol.Messages;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The event-sourced TCK model's names and messages, as the scenarios build them. */
final class TckModel {

  static final String PROTOCOL = EventSourced.name;
  static final String SERVICE = EventSourcedTckModel.name;
  static final String TWO = EventSourcedTwo.name;
  static final String CONFIGURED = EventSourcedConfigured.name;
  static final String PERSISTENCE_ID = "event-sourced-tck-model";
  static final String CONFIGURED_PERSISTENCE_ID = "event-sourced-configured";
  static final long CONFIGURED_PASSIVATION_MILLIS = 100;
  static final int SNAPSHOT_EVERY = 5;

  private TckModel() {}

  static Request request(String id, List<RequestAction> actions) {
    return Request.newBuilder().setId(id).addAllActions(actions).build();
  }

  static Request request(String id, RequestAction... actions) {
    return request(id, List.of(actions));
  }

  static RequestAction emit(String value) {
    return RequestAction.newBuilder().setEmit(Emit.newBuilder().setValue(value)).build();
  }

  static List<RequestAction> emits(String... values) {
    return Arrays.stream(values).map(TckModel::emit).toList();
  }

  static RequestAction forwardTo(String id) {
    return RequestAction.newBuilder().setForward(Forward.newBuilder().setId(id)).build();
  }

  static RequestAction sideEffectTo(String id, boolean synchronous) {
    return RequestAction.newBuilder().setEffect(Effect.newBuilder().setId(id).setSynchronous(synchronous)).build();
  }

  static RequestAction failWith(String message) {
    return RequestAction.newBuilder().setFail(Fail.newBuilder().setMessage(message)).build();
  }

  static List<RequestAction> actions(List<RequestAction> first, List<RequestAction> then) {
    List<RequestAction> all = new ArrayList<>(first);
    all.addAll(then);
    return all;
  }

  static Response response(String message) {
    return Response.newBuilder().setMessage(message).build();
  }

  static Response emptyResponse() {
    return Response.getDefaultInstance();
  }

  static Any persisted(String value) {
    return Messages.pack(Persisted.newBuilder().setValue(value).build());
  }

  static Effects events(String... values) {
    return Effects.events(Arrays.stream(values).map(TckModel::persisted).toList());
  }

  static Effects snapshotAndEvents(String snapshot, String... values) {
    return events(values).withSnapshot(persisted(snapshot));
  }

  static Effects sideEffects(boolean synchronous, String... ids) {
    List<SideEffect> effects = Arrays.stream(ids)
        .map(id -> Messages.sideEffect(TWO, "Call", Request.newBuilder().setId(id).build(), synchronous))
        .toList();
    return Effects.NONE.withSideEffects(effects);
  }

  /** The payload forwards and side effects carry to {@code EventSourcedTwo.Call}. */
  static Request callTwo(String id) {
    return Request.newBuilder().setId(id).build();
  }
}
