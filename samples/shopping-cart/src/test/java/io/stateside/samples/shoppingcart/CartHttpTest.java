package io.stateside.samples.shoppingcart;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The cart driven over HTTP/JSON by its google.api.http rules, as the README's curl calls drive
 * it: through the real proxy, with the JDK's HTTP client.
 */
class CartHttpTest {

  private static CartStack stack;
  private static final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @BeforeAll
  static void start() {
    stack = CartStack.start(Duration.ofSeconds(30), 100);
  }

  @AfterAll
  static void stop() {
    stack.close();
  }

  private static HttpResponse<String> send(String method, String path, String json) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + stack.proxyPort() + path))
        .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
        .header("Content-Type", "application/json")
        .timeout(CartStack.TIMEOUT)
        .build(), HttpResponse.BodyHandlers.ofString());
  }

  private static void assertAnswer(int status, String body, HttpResponse<String> response) {
    assertEquals(status, response.statusCode(), response.body());
    assertEquals(body, response.body());
  }

  @Test
  void itemsAreAddedReadAndRemovedOverHttp() throws Exception {
    assertAnswer(200, "{}", send("POST", "/cart/hal/items/add", "{\"productId\": \"apple\", \"quantity\": 3}"));
    assertAnswer(200, "{}", send("POST", "/cart/hal/items/add", "{\"product_id\": \"pear\", \"quantity\": 1}"));

    assertAnswer(200, "{\"items\":[{\"productId\":\"apple\",\"quantity\":3},{\"productId\":\"pear\",\"quantity\":1}]}",
        send("GET", "/carts/hal", null));
    assertAnswer(200, "[{\"productId\":\"apple\",\"quantity\":3},{\"productId\":\"pear\",\"quantity\":1}]",
        send("GET", "/carts/hal/items", null));

    assertAnswer(200, "{}", send("POST", "/cart/hal/items/apple/remove", null));
    assertAnswer(200, "{\"items\":[{\"productId\":\"pear\",\"quantity\":1}]}", send("GET", "/carts/hal", null));
  }

  @Test
  void aRefusedCommandIsAnErrorWithItsMessage() throws Exception {
    assertAnswer(500, "{\"code\":2,\"status\":\"UNKNOWN\",\"message\":\"Quantity for item cherry must be greater than zero.\"}",
        send("POST", "/cart/ivy/items/add", "{\"productId\": \"cherry\", \"quantity\": 0}"));
    assertAnswer(400, "{\"code\":3,\"status\":\"INVALID_ARGUMENT\",\"message\":\"field 'quantity' of "
            + "stateside.samples.shoppingcart.AddLineItem: Not an int32 value: \\\"many\\\"\"}",
        send("POST", "/cart/ivy/items/add", "{\"productId\": \"cherry\", \"quantity\": \"many\"}"));
  }
}
