package io.dailyflow.bench;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * Polls {@code GET /consolidated/daily} (the product's own view) every {@code --interval-ms} until
 * its count has grown by {@code --target} from {@code --base} (the count before the load; read at
 * start if absent) or {@code --timeout} seconds passed. Prints how long the growth took, the best
 * recorded rate over any {@code --window} seconds (a burst) and over any {@code --sustain}
 * seconds (which may include catching up a backlog, so it can exceed the intake), and whether the
 * recording kept up: the backlog when the intake ended (the generator's count appearing in
 * {@code --target-file}), how long it took to record, and the rate over the intake's last
 * {@code --sustain} seconds. The average from start to the last release understates the rate: it
 * includes the load generator's start, the first release's lag and the last poll's delay.
 */
final class Watch {

  private Watch() {
  }

  static int run(Args args) throws Exception {
    // HTTP/1.1 and a timeout per read, like any client of the API: the JDK client's default
    // (an h2c upgrade, no timeout) once stopped seeing the count grow while curl saw it reach
    // the target. Failed reads are counted in the output.
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5)).build();
    HttpRequest request = HttpRequest.newBuilder(URI.create(args.required("url")))
        .timeout(Duration.ofSeconds(5))
        .header("Authorization", "Bearer " + args.required("token")).GET().build();
    long target = args.number("target", Long.MAX_VALUE);
    // The load generator writes how many releases it got 202 for into --target-file when it ends:
    // from then on that is the number to wait for.
    java.nio.file.Path targetFile = java.nio.file.Path.of(args.string("target-file", "/nonexistent"));
    long timeoutMs = args.number("timeout", 300) * 1000;
    long interval = args.number("interval-ms", 1000);
    long window = args.number("window", 10) * 1000;
    long sustain = args.number("sustain", 60) * 1000;
    long started = System.currentTimeMillis();
    // The count before the load: read by the caller before it starts the load (a JVM start here
    // takes long enough for the first second of releases to be recorded already).
    Map<String, Integer> failures = new TreeMap<>();
    long given = args.number("base", -1);
    long base = given >= 0 ? given : count(http, request, failures);
    java.util.List<long[]> samples = new java.util.ArrayList<>();
    long seen = base;
    long lastGrowth = started;
    long intakeEndedMs = -1;   // when the generator's count appeared: the intake had just ended
    long recordedAtIntakeEnd = -1;
    // Gives up once the target is known and the count has not grown for 60 s (a stalled pipeline).
    while (seen - base < target && System.currentTimeMillis() - started < timeoutMs
        && (target == Long.MAX_VALUE || System.currentTimeMillis() - lastGrowth < 60_000)) {
      Thread.sleep(interval);
      if (java.nio.file.Files.exists(targetFile)) {
        String text = java.nio.file.Files.readString(targetFile).strip();
        if (!text.isEmpty()) {
          if (target == Long.MAX_VALUE) {
            lastGrowth = Math.max(lastGrowth, System.currentTimeMillis());
            intakeEndedMs = System.currentTimeMillis() - started;
          }
          target = Long.parseLong(text);
        }
      }
      long c = count(http, request, failures);
      if (c >= 0) {
        if (c > seen) {
          lastGrowth = System.currentTimeMillis();
        }
        seen = c;
        samples.add(new long[] {System.currentTimeMillis() - started, c - base});
        if (intakeEndedMs >= 0 && recordedAtIntakeEnd < 0) {
          recordedAtIntakeEnd = c - base;
        }
      }
    }
    long elapsed = System.currentTimeMillis() - started;
    JsonObject keptUp = new JsonObject();
    if (intakeEndedMs >= 0 && recordedAtIntakeEnd >= 0) {
      // Whether the recording kept up with the intake: what was still to record when the intake
      // ended, how long that took, and the rate over the intake's last --sustain seconds (a
      // window that ends with the intake, so it cannot include catching up afterwards).
      keptUp.put("backlog_at_intake_end", Math.max(0, target - recordedAtIntakeEnd))
          .put("seconds_after_intake_end", Math.max(0, elapsed - intakeEndedMs) / 1000.0)
          .put("last_window_of_intake_rps", Math.round(rateBefore(samples, intakeEndedMs,
              sustain)));
    }
    Output.line(new JsonObject().put("label", "recorded")
        .put("target", target == Long.MAX_VALUE ? -1 : target).put("recorded", seen - base)
        .put("seconds_to_all_recorded", elapsed / 1000.0)
        .put("avg_recorded_rps", Math.round((seen - base) * 1000.0 / elapsed))
        .put("best_window_recorded_rps", Math.round(bestRate(samples, window)))
        .put("sustain_s", sustain / 1000)
        .put("best_sustained_recorded_rps", Math.round(bestRate(samples, sustain)))
        .mergeIn(keptUp)
        .put("failed_reads", new JsonObject(new TreeMap<String, Object>(failures))).encode());
    return seen - base >= target ? 0 : 1;
  }

  /**
   * The rate over the {@code spanMs} (at least) that end with the last sample taken at or before
   * {@code endMs}, or 0 if the samples do not reach that far back.
   */
  private static double rateBefore(java.util.List<long[]> samples, long endMs, long spanMs) {
    int last = -1;
    for (int i = 0; i < samples.size() && samples.get(i)[0] <= endMs; i++) {
      last = i;
    }
    for (int first = last - 1; first >= 0; first--) {
      long dt = samples.get(last)[0] - samples.get(first)[0];
      if (dt >= spanMs) {
        return (samples.get(last)[1] - samples.get(first)[1]) * 1000.0 / dt;
      }
    }
    return 0;
  }

  /**
   * The best rate over any span of at least {@code spanMs} between two samples ({@code [ms since
   * start, count]}), or 0 if the samples span less.
   */
  private static double bestRate(java.util.List<long[]> samples, long spanMs) {
    double best = 0;
    for (int i = 0; i < samples.size(); i++) {
      for (int j = i + 1; j < samples.size(); j++) {
        long dt = samples.get(j)[0] - samples.get(i)[0];
        if (dt >= spanMs) {
          best = Math.max(best, (samples.get(j)[1] - samples.get(i)[1]) * 1000.0 / dt);
          break;
        }
      }
    }
    return best;
  }

  /** The report's count, or -1 with the failure counted in {@code failures} by cause. */
  private static long count(HttpClient http, HttpRequest request,
      Map<String, Integer> failures) {
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() == 200) {
        return new JsonObject(response.body()).getLong("count");
      }
      failures.merge("HTTP " + response.statusCode(), 1, Integer::sum);
    } catch (Exception e) {
      failures.merge(e.getClass().getSimpleName(), 1, Integer::sum);
    }
    return -1;
  }
}
