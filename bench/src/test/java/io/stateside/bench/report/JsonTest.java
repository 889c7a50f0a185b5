package io.stateside.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JsonTest {

  @Test
  void writesNestedValuesWithEscapes() {
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("name", "a \"quoted\"\nline");
    document.put("count", 3L);
    document.put("rate", 1.5);
    document.put("missing", Optional.empty());
    document.put("list", List.of(1, true));
    document.put("empty", Map.of());

    assertEquals("""
        {
          "name": "a \\"quoted\\"\\nline",
          "count": 3,
          "rate": 1.500,
          "missing": null,
          "list": [
            1,
            true
          ],
          "empty": {}
        }""", Json.write(document));
  }

  @Test
  void alignsTableColumns() {
    String table = ResultReport.table(List.of(new String[] {"run", "req/s"}, new String[] {"spread", "12"}));

    assertEquals("""
        run     req/s
        ------  -----
        spread     12
        """, table);
  }
}
