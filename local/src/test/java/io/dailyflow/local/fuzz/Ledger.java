package io.dailyflow.local.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a company's book must hold: every release the product accepted (202), by id, with its
 * amount in cents and the release it reverses. Thread-safe; an id accepted twice must carry the
 * same amount (a retry), and is one release.
 */
final class Ledger {

  /** One accepted release. */
  record Entry(String id, long cents, String date, String reverses) {
  }

  private final Map<String, Entry> entries = new ConcurrentHashMap<>();
  /** Ids answered 202 with different amounts (an Idempotency-Key reused while Redis was slow). */
  private final Map<String, java.util.Set<Long>> ambiguous = new ConcurrentHashMap<>();

  /** Records an acceptance; returns a problem when the id was accepted before as another release. */
  String accept(Entry entry) {
    Entry before = entries.putIfAbsent(entry.id(), entry);
    if (before != null && (before.cents() != entry.cents() || !before.date().equals(entry.date()))) {
      return "id " + entry.id() + " accepted as " + before + " and as " + entry;
    }
    return null;
  }

  /**
   * Records an acceptance of an id that may have been answered before with another body: the
   * documented limit of idempotency without Redis (the 202 echoes the request, the consumer keeps
   * the body stored first). Which amount counts is read back from the product in
   * {@link #assertRecordedExactly}; it must be one of the amounts answered.
   */
  void acceptEither(Entry entry) {
    Entry before = entries.putIfAbsent(entry.id(), entry);
    if (before != null && before.cents() != entry.cents()) {
      ambiguous.computeIfAbsent(entry.id(), id -> ConcurrentHashMap.newKeySet())
          .addAll(List.of(before.cents(), entry.cents()));
    }
  }

  int ambiguousCount() {
    return ambiguous.size();
  }

  boolean contains(String id) {
    return entries.containsKey(id);
  }

  Entry get(String id) {
    return entries.get(id);
  }

  int size() {
    return entries.size();
  }

  Map<String, Entry> entries() {
    return Map.copyOf(entries);
  }

  /** The daily report the contract promises for {@code date}, from the accepted releases. */
  JsonObject expectedDaily(String date) {
    long credits = 0;
    long debits = 0;
    int count = 0;
    for (Entry entry : entries.values()) {
      if (entry.date().equals(date)) {
        count++;
        if (entry.cents() > 0) {
          credits = Math.addExact(credits, entry.cents());
        } else {
          debits = Math.addExact(debits, -entry.cents());
        }
      }
    }
    return new JsonObject().put("date", date).put("currency", "BRL")
        .put("credits", format(credits)).put("debits", format(debits))
        .put("balance", format(credits - debits)).put("count", count);
  }

  /** Every business date that holds an accepted release, plus {@code also}. */
  java.util.Set<String> dates(String also) {
    java.util.Set<String> dates = new java.util.TreeSet<>();
    dates.add(also);
    entries.values().forEach(e -> dates.add(e.date()));
    return dates;
  }

  /** Credits, debits and count of every accepted release, whatever its date. */
  JsonObject expectedTotals() {
    long credits = 0;
    long debits = 0;
    for (Entry entry : entries.values()) {
      if (entry.cents() > 0) {
        credits = Math.addExact(credits, entry.cents());
      } else {
        debits = Math.addExact(debits, -entry.cents());
      }
    }
    return new JsonObject().put("credits", format(credits)).put("debits", format(debits))
        .put("balance", format(credits - debits)).put("count", entries.size());
  }

  static String format(long cents) {
    String sign = cents < 0 ? "-" : "";
    long magnitude = Math.abs(cents);
    return sign + (magnitude / 100) + "." + String.format("%02d", magnitude % 100);
  }

  static long cents(String amount) {
    return new java.math.BigDecimal(amount).movePointRight(2).longValueExact();
  }

  /**
   * Waits until the consumer recorded every accepted release of {@code date} (the report's count
   * reaches the ledger's), then asserts the daily report is exactly the ledger's and that the
   * list of the day's releases holds exactly the accepted ids.
   */
  void assertRecordedExactly(FuzzProduct product, String token, String date) throws Exception {
    resolveAmbiguous(product, token);
    JsonObject expected = expectedDaily(date);
    String daily = "/consolidated/daily?date=" + date;
    await("the report of " + date + " counting every accepted release")
        .atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
        .until(() -> report(product, daily, token).getInteger("count"),
            count -> count >= expected.getInteger("count"));
    // Exact, and still exact a moment later: anything recorded beyond the ledger would show.
    await("the report of " + date + " staying exactly the ledger's")
        .during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5))
        .pollInterval(Duration.ofMillis(50))
        .untilAsserted(() -> assertThat(report(product, daily, token))
            .as("daily report of " + date).isEqualTo(expected));
    assertThat(listedIds(product, token, date)).as("releases listed on " + date)
        .isEqualTo(idsOn(date));
  }

  private void resolveAmbiguous(FuzzProduct product, String token) throws Exception {
    for (Map.Entry<String, java.util.Set<Long>> id : ambiguous.entrySet()) {
      HttpResponse<String> reply = await("release " + id.getKey() + " recorded")
          .atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
          .until(() -> product.get("releases", "/releases/" + id.getKey(), token),
              answer -> answer.statusCode() != 404);
      assertThat(reply.statusCode()).as(reply.body()).isEqualTo(200);
      long recorded = cents(new JsonObject(reply.body()).getString("amount"));
      assertThat(id.getValue()).as("amounts answered for " + id.getKey()).contains(recorded);
      entries.computeIfPresent(id.getKey(), (key, entry) -> new Entry(entry.id(), recorded,
          entry.date(), entry.reverses()));
    }
  }

  private static JsonObject report(FuzzProduct product, String path, String token)
      throws Exception {
    HttpResponse<String> reply = product.get("consolidated", path, token);
    assertThat(reply.statusCode()).as(reply.body()).isEqualTo(200);
    return new JsonObject(reply.body());
  }

  private Map<String, String> idsOn(String date) {
    Map<String, String> ids = new HashMap<>();
    entries.values().stream().filter(e -> e.date().equals(date))
        .forEach(e -> ids.put(e.id(), Ledger.format(e.cents()) + " " + e.reverses()));
    return ids;
  }

  /** Every release listed for the day, id -> "amount reverses", through every page. */
  static Map<String, String> listedIds(FuzzProduct product, String token, String date)
      throws Exception {
    Map<String, String> ids = new LinkedHashMap<>();
    String cursor = null;
    do {
      String query = "/releases?date=" + date + "&limit=500"
          + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
      HttpResponse<String> reply = product.get("releases", query, token);
      assertThat(reply.statusCode()).as(reply.body()).isEqualTo(200);
      JsonObject page = new JsonObject(reply.body());
      JsonArray items = page.getJsonArray("items");
      for (int i = 0; i < items.size(); i++) {
        JsonObject item = items.getJsonObject(i);
        String previous = ids.put(item.getString("id"),
            item.getString("amount") + " " + item.getString("reverses"));
        assertThat(previous).as("release listed twice: " + item).isNull();
      }
      cursor = page.getString("nextCursor");
    } while (cursor != null);
    return ids;
  }
}
