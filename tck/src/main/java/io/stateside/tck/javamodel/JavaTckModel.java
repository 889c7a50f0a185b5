package io.stateside.tck.javamodel;

import io.stateside.javasupport.UserFunction;

/**
 * The TCK model implemented with Stateside's Java support library: the user function the TCK
 * runs against a proxy by default. Run standalone, it listens on {@code HOST}:{@code PORT}
 * (127.0.0.1:8080 unless set), like any user function.
 */
public final class JavaTckModel {

  private JavaTckModel() {}

  /** The model's user function; host and port come from the environment unless the caller sets them. */
  public static UserFunction.Builder userFunction() {
    return UserFunction.builder()
        .serviceName("stateside-tck-java-model")
        .register(EventSourcedTckModelEntity.definition())
        .register(EventSourcedTwoEntity.two())
        .register(EventSourcedTwoEntity.configured())
        .register(PassivationTckModelEntity.definition())
        .register(ValueEntityTckModelEntity.definition())
        .register(ValueEntityTwoEntity.two())
        .register(ValueEntityTwoEntity.configured())
        .register(CrdtTckModelEntity.definition())
        .register(CrdtTwoEntity.definition())
        .register(CrdtConfiguredEntity.definition())
        .register(ActionTckModelAction.model())
        .register(ActionTckModelAction.two())
        .register(EventLogSubscriberAction.definition())
        .register(EventLogEntities.one())
        .register(EventLogEntities.two());
  }

  public static void main(String[] args) {
    userFunction().build().run();
  }
}
