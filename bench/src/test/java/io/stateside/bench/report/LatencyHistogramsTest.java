package io.stateside.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LatencyHistogramsTest {

  @TempDir
  Path folder;

  @Test
  void histogramsWrittenByTwoRunsMergeIntoTheirCombinedPercentiles() throws Exception {
    Histogram fast = new Histogram(3);
    Histogram slow = new Histogram(3);
    for (int i = 0; i < 90; i++) {
      fast.recordValue(1_000);
    }
    for (int i = 0; i < 10; i++) {
      slow.recordValue(50_000);
    }
    LatencyHistograms.write(fast, folder.resolve("fast.hdr"));
    LatencyHistograms.write(slow, folder.resolve("slow.hdr"));

    Histogram merged = LatencyHistograms.merged(List.of(folder.resolve("fast.hdr"), folder.resolve("slow.hdr")));

    assertEquals(100, merged.getTotalCount());
    assertEquals(1_000, merged.getValueAtPercentile(50), 1);
    assertEquals(50_000, merged.getValueAtPercentile(99), 50);
  }
}
