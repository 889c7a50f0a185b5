package io.stateside.cluster.testing;

import io.stateside.proxy.jdbc.testing.PostgresServer;
import io.stateside.samples.shoppingcart.domain.ItemAdded;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Set;

/** The shopping-cart events in the shared PostgreSQL journal, read straight from its table. */
public final class JournalContents {

  private JournalContents() {}

  /** The products of the ItemAdded events stored for a cart. */
  public static Set<String> productsAdded(PostgresServer postgres, String cart) {
    String sql = "SELECT \"event_ser_manifest\", \"event_payload\" FROM \"event_journal\" WHERE \"persistence_id\" = ?";
    Set<String> products = new HashSet<>();
    try (Connection connection = postgres.connect(PostgresServer.DATABASE);
         PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, "shopping-cart|" + cart);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          if (rows.getString(1).endsWith("ItemAdded")) {
            products.add(ItemAdded.parseFrom(rows.getBytes(2)).getItem().getProductId());
          }
        }
      }
      return products;
    } catch (SQLException | com.google.protobuf.InvalidProtocolBufferException e) {
      throw new IllegalStateException("Could not read the journal of " + cart, e);
    }
  }
}
