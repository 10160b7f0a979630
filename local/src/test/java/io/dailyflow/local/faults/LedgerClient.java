package io.dailyflow.local.faults;

import io.dailyflow.common.money.Money;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * A client of the public contract for the fault tests: logs a scenario's merchant in, posts many
 * releases over several concurrent connections remembering what was accepted (202), and reads
 * back the daily report and the releases list.
 */
final class LedgerClient {

  /** What a batch of posts got: the accepted releases and the count per status. */
  record Posted(Map<String, Accepted> accepted, Map<Integer, Integer> statuses,
      long maxMillis, List<String> rejected) {

    int count(int status) {
      return statuses.getOrDefault(status, 0);
    }
  }

  /** An accepted release: its business day and amount in cents. */
  record Accepted(String date, long cents) {
  }

  /** A reply: status, a header and the body. */
  record Reply(int status, String retryAfter, String body, long millis) {

    JsonObject json() {
      return new JsonObject(body);
    }
  }

  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(3)).build();
  private final ProcessCluster cluster;

  LedgerClient(ProcessCluster cluster) {
    this.cluster = cluster;
  }

  String login(int scenario) throws Exception {
    Reply reply = send(request(ProcessCluster.AUTH, "/auth/login", null)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(new JsonObject()
            .put("username", ProcessCluster.username(scenario))
            .put("password", ProcessCluster.password(scenario)).encode())).build());
    if (reply.status() != 200) {
      throw new IllegalStateException("login failed: " + reply);
    }
    return reply.json().getString("access_token");
  }

  /** A release body: amounts vary and about a third are debits, so totals test every sign. */
  static String body(String label, long cents) {
    return new JsonObject().put("description", label)
        .put("amount", Money.format(cents)).encode();
  }

  static long amountOf(int i) {
    long cents = (i * 7_919L) % 100_000 + 1;
    return i % 3 == 0 ? -cents : cents;
  }

  /** Posts {@code count} releases, {@code concurrency} in flight; body {@code i} from the function. */
  Posted postMany(String token, int count, int concurrency, IntFunction<Long> cents,
      String label) throws InterruptedException {
    Map<String, Accepted> accepted = new ConcurrentHashMap<>();
    Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
    List<String> rejected = java.util.Collections.synchronizedList(new ArrayList<>());
    AtomicLong maxMillis = new AtomicLong();
    Semaphore slots = new Semaphore(concurrency);
    List<CompletableFuture<?>> calls = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      slots.acquire();
      long amount = cents.apply(i);
      long started = System.nanoTime();
      HttpRequest post = request(ProcessCluster.RELEASES, "/releases", token)
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(body(label + " " + i, amount))).build();
      calls.add(http.sendAsync(post, HttpResponse.BodyHandlers.ofString())
          .whenComplete((response, error) -> {
            slots.release();
            maxMillis.accumulateAndGet((System.nanoTime() - started) / 1_000_000, Math::max);
            int status = error != null ? -1 : response.statusCode();
            statuses.merge(status, 1, Integer::sum);
            if (status == 202) {
              JsonObject view = new JsonObject(response.body());
              accepted.put(view.getString("id"), new Accepted(view.getString("date"), amount));
            } else if (rejected.size() < 20) {
              rejected.add(status + " " + (error != null ? error.toString()
                  : response.headers().firstValue("Retry-After").map(r -> "Retry-After " + r)
                  .orElse("no Retry-After") + " " + response.body()));
            }
          }));
    }
    CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).exceptionally(e -> null)
        .join();
    return new Posted(Map.copyOf(accepted), new TreeMap<>(statuses), maxMillis.get(),
        List.copyOf(rejected));
  }

  Reply daily(String token, String date) throws Exception {
    return send(request(ProcessCluster.CONSOLIDATED, "/consolidated/daily?date=" + date, token)
        .GET().build());
  }

  Reply post(String token, String body) throws Exception {
    return send(request(ProcessCluster.RELEASES, "/releases", token)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build());
  }

  /** Every recorded release id of that day, following the cursor; duplicates kept. */
  List<String> recordedIds(String token, String date) throws Exception {
    List<String> ids = new ArrayList<>();
    String cursor = null;
    do {
      String path = "/releases?date=" + date + "&limit=500"
          + (cursor == null ? "" : "&cursor=" + java.net.URLEncoder.encode(cursor,
          java.nio.charset.StandardCharsets.UTF_8));
      Reply reply = send(request(ProcessCluster.RELEASES, path, token).GET().build());
      if (reply.status() != 200) {
        throw new IllegalStateException("list failed: " + reply);
      }
      JsonObject page = reply.json();
      page.getJsonArray("items").forEach(item -> ids.add(((JsonObject) item).getString("id")));
      cursor = page.getString("nextCursor");
    } while (cursor != null);
    return ids;
  }

  private HttpRequest.Builder request(String service, String path, String token) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + cluster.port(service) + path))
        .timeout(Duration.ofSeconds(15));
    if (token != null) {
      builder.header("Authorization", "Bearer " + token);
    }
    return builder;
  }

  private Reply send(HttpRequest request) throws Exception {
    long started = System.nanoTime();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    return new Reply(response.statusCode(),
        response.headers().firstValue("Retry-After").orElse(null), response.body(),
        (System.nanoTime() - started) / 1_000_000);
  }
}
