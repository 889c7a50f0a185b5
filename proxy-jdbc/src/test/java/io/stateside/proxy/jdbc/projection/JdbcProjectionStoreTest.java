package io.stateside.proxy.jdbc.projection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.Done;
import akka.actor.ActorSystem;
import akka.actor.typed.javadsl.Adapter;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.stateside.proxy.jdbc.JdbcConfig;
import io.stateside.proxy.jdbc.JdbcStoreSettings;
import io.stateside.proxy.jdbc.SchemaCreator;
import io.stateside.proxy.jdbc.testing.H2FileDatabase;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The offset store's preparation on H2: it checks that the journal's schema brought its tables. */
class JdbcProjectionStoreTest {

  @Test
  void prepareSaysWhatIsMissingUntilTheSchemaIsCreatedThenSucceeds() throws Exception {
    try (H2FileDatabase database = new H2FileDatabase()) {
      Config config = JdbcConfig.load(ConfigFactory.parseMap(Map.of(
              "akka.actor.provider", "local",
              "stateside.jdbc.h2.create-schema", "false"))
          .withFallback(database.proxyConfig()));
      ActorSystem system = ActorSystem.create("offset-store", config);
      try {
        JdbcProjectionStore store = new JdbcProjectionStore(Adapter.toTyped(system));

        ExecutionException missing = assertThrows(ExecutionException.class,
            () -> store.prepare().toCompletableFuture().get(60, TimeUnit.SECONDS));
        String message = missing.getCause().getMessage();
        assertTrue(message.contains("akka_projection_offset_store") && message.contains("akka_projection_management")
            && message.contains("STATESIDE_CREATE_SCHEMA=true"), message);

        SchemaCreator.createSchema(JdbcStoreSettings.from(config).connection(), Duration.ofSeconds(30));
        assertEquals(Done.getInstance(), store.prepare().toCompletableFuture().get(60, TimeUnit.SECONDS));
      } finally {
        system.terminate();
        system.getWhenTerminated().toCompletableFuture().join();
      }
    }
  }
}
