package io.stateside.tck.interceptor;

/** Which entity a stream belongs to, as its init message names it. */
public record StreamKey(String service, String entityId) {

  @Override
  public String toString() {
    return service + " entity '" + entityId + "'";
  }
}
