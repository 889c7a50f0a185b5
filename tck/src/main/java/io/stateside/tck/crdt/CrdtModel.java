package io.stateside.tck.crdt;

import io.stateside.protocol.SideEffect;
import io.stateside.protocol.crdt.Crdt;
import io.stateside.tck.model.crdt.CrdtConfigured;
import io.stateside.tck.model.crdt.CrdtTckModel;
import io.stateside.tck.model.crdt.CrdtTwo;
import io.stateside.tck.model.crdt.Delete;
import io.stateside.tck.model.crdt.Effect;
import io.stateside.tck.model.crdt.Fail;
import io.stateside.tck.model.crdt.Forward;
import io.stateside.tck.model.crdt.Request;
import io.stateside.tck.model.crdt.RequestAction;
import io.stateside.tck.model.crdt.Response;
import io.stateside.tck.protocol.CrdtEffects;
import io.stateside.tck.protocol.Messages;
import java.util.Arrays;
import java.util.List;

/** The CRDT TCK model's names and its requests other than updates. */
final class CrdtModel {

  static final String PROTOCOL = Crdt.name;
  static final String SERVICE = CrdtTckModel.name;
  static final String TWO = CrdtTwo.name;
  static final String CONFIGURED = CrdtConfigured.name;
  static final String PROCESS = "Process";
  static final String PROCESS_STREAMED = "ProcessStreamed";
  static final String CALL = "Call";
  static final long CONFIGURED_PASSIVATION_MILLIS = 100;

  /** The entity id prefixes by which the model picks an entity's CRDT. */
  static final String GCOUNTER = "GCounter";
  static final String PNCOUNTER = "PNCounter";
  static final String GSET = "GSet";
  static final String ORSET = "ORSet";
  static final String LWWREGISTER = "LWWRegister";
  static final String FLAG = "Flag";
  static final String ORMAP = "ORMap";
  static final String VOTE = "Vote";

  private CrdtModel() {}

  static Request request(String id, RequestAction... actions) {
    return request(id, List.of(actions));
  }

  static Request request(String id, List<RequestAction> actions) {
    return Request.newBuilder().setId(id).addAllActions(actions).build();
  }

  static RequestAction deleteCrdt() {
    return RequestAction.newBuilder().setDelete(Delete.getDefaultInstance()).build();
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

  static Response emptyResponse() {
    return Response.getDefaultInstance();
  }

  /** The side effects the model adds for {@code Effect}s with these ids: calls of {@code CrdtTwo.Call}. */
  static CrdtEffects sideEffects(boolean synchronous, String... ids) {
    List<SideEffect> effects = Arrays.stream(ids)
        .map(id -> Messages.sideEffect(TWO, CALL, callTwo(id), synchronous))
        .toList();
    return CrdtEffects.sideEffects(effects);
  }

  /** The payload forwards and side effects carry to {@code CrdtTwo.Call}. */
  static Request callTwo(String id) {
    return Request.newBuilder().setId(id).build();
  }
}
