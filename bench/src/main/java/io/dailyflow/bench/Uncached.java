package io.dailyflow.bench;

import io.dailyflow.common.release.DayVersions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * Latency of a daily report that the cache cannot serve: before each read the day's version
 * ({@link DayVersions#versionKey}) gets a fresh token, exactly as the consumer does after a store,
 * so the Consolidated API must aggregate from MongoDB. Sequential reads (one at a time).
 */
final class Uncached {

  private Uncached() {
  }

  static int run(Args args) throws Exception {
    Vertx vertx = Vertx.vertx();
    RedisAPI redis = RedisAPI.api(Redis.createClient(vertx, args.required("redis")));
    HttpClient http = HttpClient.newHttpClient();
    String company = args.required("company");
    LocalDate date = LocalDate.parse(args.required("date"));
    HttpRequest request = HttpRequest.newBuilder(
            URI.create(args.required("url") + "/consolidated/daily?date=" + date))
        .header("Authorization", "Bearer " + args.required("token")).GET().build();
    long reads = args.number("reads", 20);
    Histogram histogram = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
    JsonObject last = null;
    int errors = 0;
    for (int i = 0; i < reads + 2; i++) {
      redis.set(List.of(DayVersions.versionKey(company, date), DayVersions.newVersion())).await();
      long started = System.nanoTime();
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      long micros = (System.nanoTime() - started) / 1_000;
      if (response.statusCode() != 200) {
        errors++;
        continue;
      }
      last = new JsonObject(response.body());
      if (i >= 2) { // the first two reads warm the path up
        histogram.recordValue(micros);
      }
    }
    Output.line(new JsonObject().put("label", "uncached report")
        .put("reads", reads).put("errors", errors)
        .put("p50_ms", histogram.getValueAtPercentile(50) / 1000.0)
        .put("p99_ms", histogram.getValueAtPercentile(99) / 1000.0)
        .put("max_ms", histogram.getMaxValue() / 1000.0)
        .put("min_ms", histogram.getMinValue() / 1000.0)
        .put("report", last).encode());
    vertx.close().await();
    return 0;
  }
}
