package io.stateside.tck.valueentity;

import com.google.protobuf.Any;
import io.stateside.protocol.SideEffect;
import io.stateside.protocol.valueentity.ValueEntity;
import io.stateside.tck.model.valueentity.Delete;
import io.stateside.tck.model.valueentity.Effect;
import io.stateside.tck.model.valueentity.Fail;
import io.stateside.tck.model.valueentity.Forward;
import io.stateside.tck.model.valueentity.Persisted;
import io.stateside.tck.model.valueentity.Request;
import io.stateside.tck.model.valueentity.RequestAction;
import io.stateside.tck.model.valueentity.Response;
import io.stateside.tck.model.valueentity.Update;
import io.stateside.tck.model.valueentity.ValueEntityConfigured;
import io.stateside.tck.model.valueentity.ValueEntityTckModel;
import io.stateside.tck.model.valueentity.ValueEntityTwo;
import io.stateside.tck.protocol.Messages;
import io.stateside.tck.protocol.ValueEntityEffects;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The value-entity TCK model's names and messages, as the scenarios build them. */
final class ValueTckModel {

  static final String PROTOCOL = ValueEntity.name;
  static final String SERVICE = ValueEntityTckModel.name;
  static final String TWO = ValueEntityTwo.name;
  static final String CONFIGURED = ValueEntityConfigured.name;
  static final String PERSISTENCE_ID = "value-entity-tck-model";
  static final String TWO_PERSISTENCE_ID = "value-entity-tck-model-two";
  static final String CONFIGURED_PERSISTENCE_ID = "value-entity-configured";
  static final long CONFIGURED_PASSIVATION_MILLIS = 100;

  private ValueTckModel() {}

  static Request request(String id, List<RequestAction> actions) {
    return Request.newBuilder().setId(id).addAllActions(actions).build();
  }

  static Request request(String id, RequestAction... actions) {
    return request(id, List.of(actions));
  }

  static RequestAction updateState(String value) {
    return RequestAction.newBuilder().setUpdate(Update.newBuilder().setValue(value)).build();
  }

  static List<RequestAction> updateStates(String... values) {
    return Arrays.stream(values).map(ValueTckModel::updateState).toList();
  }

  static RequestAction deleteState() {
    return RequestAction.newBuilder().setDelete(Delete.getDefaultInstance()).build();
  }

  static RequestAction forwardTo(String id) {
    return RequestAction.newBuilder().setForward(Forward.newBuilder().setId(id)).build();
  }

  static RequestAction sideEffectTo(String id, boolean synchronous) {
    return RequestAction.newBuilder().setEffect(Effect.newBuilder().setId(id).setSynchronous(synchronous)).build();
  }

  static List<RequestAction> sideEffectsTo(String... ids) {
    return Arrays.stream(ids).map(id -> sideEffectTo(id, false)).toList();
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

  static ValueEntityEffects update(String value) {
    return ValueEntityEffects.update(persisted(value));
  }

  static ValueEntityEffects delete() {
    return ValueEntityEffects.delete();
  }

  static ValueEntityEffects sideEffects(boolean synchronous, String... ids) {
    List<SideEffect> effects = Arrays.stream(ids)
        .map(id -> Messages.sideEffect(TWO, "Call", callTwo(id), synchronous))
        .toList();
    return ValueEntityEffects.NONE.withSideEffects(effects);
  }

  /** The payload forwards and side effects carry to {@code ValueEntityTwo.Call}. */
  static Request callTwo(String id) {
    return Request.newBuilder().setId(id).build();
  }
}
