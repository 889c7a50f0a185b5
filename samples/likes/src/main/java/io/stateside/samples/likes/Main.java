package io.stateside.samples.likes;

import io.stateside.javasupport.UserFunction;
import java.util.Optional;

/** Serves likes to a Stateside proxy on {@code HOST}:{@code PORT} (default 127.0.0.1:8080). */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    UserFunction.builder()
        .serviceName("likes")
        .serviceVersion(Optional.ofNullable(Main.class.getPackage().getImplementationVersion()).orElse("dev"))
        .register(LikesEntity.definition())
        .build()
        .run();
  }
}
