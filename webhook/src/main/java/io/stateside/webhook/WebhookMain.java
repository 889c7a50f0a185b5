package io.stateside.webhook;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the webhook until SIGTERM; exits 1 if it cannot start (e.g. no certificate). */
public final class WebhookMain {

  private static final Logger log = LoggerFactory.getLogger(WebhookMain.class);

  private WebhookMain() {}

  public static void main(String[] args) {
    WebhookServer server;
    try {
      server = WebhookServer.start(WebhookSettings.fromEnvironment(System.getenv()));
    } catch (Exception e) {
      log.error("The Stateside webhook could not start: {}", e.toString());
      System.exit(1);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      log.info("SIGTERM: the Stateside webhook stops");
      server.close();
    }, "webhook-shutdown"));
  }
}
