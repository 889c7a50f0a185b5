package io.stateside.samples.userprofile;

import io.stateside.javasupport.UserFunction;
import java.util.Optional;

/** Serves user profiles to a Stateside proxy on {@code HOST}:{@code PORT} (default 127.0.0.1:8080). */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    UserFunction.builder()
        .serviceName("user-profile")
        .serviceVersion(Optional.ofNullable(Main.class.getPackage().getImplementationVersion()).orElse("dev"))
        .register(UserProfileEntity.definition())
        .build()
        .run();
  }
}
