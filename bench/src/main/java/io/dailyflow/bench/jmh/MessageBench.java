package io.dailyflow.bench.jmh;

import io.dailyflow.common.release.ReleaseMessage;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.LocalDate;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** The queue message: encode (publisher) and decode (consumer) as JSON text. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class MessageBench {

  private final ReleaseMessage message = new ReleaseMessage(
      "9f1c2b3a-1d2e-4f50-8a9b-0c1d2e3f4a5b", "company-a", "user-42", "Coffee beans, 5 kg",
      -12_345L, LocalDate.parse("2026-11-27"), Instant.parse("2026-11-27T13:45:01.123Z"),
      "req-0123456789", null);
  private final String encoded = message.toJson().encode();

  @Benchmark
  public String encode() {
    return message.toJson().encode();
  }

  @Benchmark
  public ReleaseMessage decode() {
    return ReleaseMessage.fromJson(new JsonObject(encoded));
  }
}
