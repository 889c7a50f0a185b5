package io.stateside.proxy.eventing;

/**
 * A method that takes events from a subscription: {@code inputType} is the full name of its
 * input message, which is {@code google.protobuf.Any} for a method that takes any event.
 */
public record SubscriberMethod(String serviceName, String methodName, String inputType) {

  static final String ANY = "google.protobuf.Any";

  public boolean takesAny() {
    return inputType.equals(ANY);
  }
}
