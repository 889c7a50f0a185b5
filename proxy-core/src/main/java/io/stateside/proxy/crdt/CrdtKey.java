package io.stateside.proxy.crdt;

import akka.cluster.ddata.Key;
import akka.cluster.ddata.ReplicatedData;

/**
 * The Distributed Data key of one CRDT entity. Akka's keys are typed per CRDT, but an entity's
 * type is only known once its user function first updates it, so one key type serves all.
 */
public final class CrdtKey extends Key<ReplicatedData> {

  public CrdtKey(String id) {
    super(id);
  }

  /** Service and entity id: entities of two services never share a key. */
  static CrdtKey of(String serviceName, String entityId) {
    return new CrdtKey(serviceName + "|" + entityId);
  }
}
