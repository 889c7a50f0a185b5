package io.stateside.bench.report;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.zip.DataFormatException;
import org.HdrHistogram.Histogram;

/**
 * Latency histograms kept in files (HdrHistogram's compressed form, base64), so the runs of
 * several generators at once (one per cluster node) can be merged into one set of percentiles:
 * percentiles themselves do not add up.
 */
public final class LatencyHistograms {

  private LatencyHistograms() {}

  public static void write(Histogram histogram, Path file) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
    int length = histogram.encodeIntoCompressedByteBuffer(buffer);
    byte[] bytes = new byte[length];
    buffer.flip();
    buffer.get(bytes);
    Files.writeString(file, Base64.getEncoder().encodeToString(bytes) + "\n", StandardCharsets.US_ASCII);
  }

  public static Histogram merged(List<Path> files) throws IOException {
    Histogram total = new Histogram(3);
    for (Path file : files) {
      byte[] bytes = Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).strip());
      try {
        total.add(Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(bytes), 0));
      } catch (DataFormatException e) {
        throw new IOException(file + " holds no latency histogram", e);
      }
    }
    return total;
  }
}
