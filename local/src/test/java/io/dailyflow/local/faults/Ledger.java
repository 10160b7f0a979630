package io.dailyflow.local.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.dailyflow.common.money.Money;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What a scenario expects to find recorded: every release the API accepted (202), exactly once.
 * {@link #awaitExact} waits until the queue is drained and the reports count them all, then
 * checks the totals to the cent and the list of recorded ids.
 */
final class Ledger {

  private final Map<String, LedgerClient.Accepted> accepted = new HashMap<>();

  void add(LedgerClient.Posted posted) {
    accepted.putAll(posted.accepted());
  }

  void add(String id, String date, long cents) {
    accepted.put(id, new LedgerClient.Accepted(date, cents));
  }

  int size() {
    return accepted.size();
  }

  /** Per business day: credits, debits (magnitude), count. */
  private Map<String, long[]> expectedByDate() {
    Map<String, long[]> days = new TreeMap<>();
    accepted.values().forEach(a -> {
      long[] day = days.computeIfAbsent(a.date(), d -> new long[3]);
      day[a.cents() > 0 ? 0 : 1] += Math.abs(a.cents());
      day[2]++;
    });
    return days;
  }

  /**
   * Waits (up to {@code timeout}) for the queue to drain and each day's report to count every
   * accepted release, failing at once if a report counts more; then asserts exact totals and that
   * the releases list holds each accepted id once and nothing else. Returns a summary line.
   */
  /** One look: the queue is empty and every day's report counts every accepted release. */
  private static boolean settled(LedgerClient client, String token, QueueProbe queue,
      Map<String, long[]> expected, Map<String, JsonObject> reports) throws Exception {
    boolean settled = queue.depth("testQueue") == 0;
    for (Map.Entry<String, long[]> day : expected.entrySet()) {
      LedgerClient.Reply reply = client.daily(token, day.getKey());
      assertThat(reply.status()).as(reply.body()).isEqualTo(200);
      JsonObject report = reply.json();
      reports.put(day.getKey(), report);
      assertThat(report.getLong("count")).as("never more than accepted on " + day.getKey())
          .isLessThanOrEqualTo(day.getValue()[2]);
      settled &= report.getLong("count") == day.getValue()[2];
    }
    return settled;
  }

  String awaitExact(LedgerClient client, String token, QueueProbe queue, Duration timeout)
      throws Exception {
    Map<String, long[]> expected = expectedByDate();
    Map<String, JsonObject> reports = new HashMap<>();
    try {
      org.awaitility.Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(250))
          .until(() -> settled(client, token, queue, expected, reports));
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      // Not settled in time: the exact-totals assertions below say what is missing.
    }
    long recorded = 0;
    for (Map.Entry<String, long[]> day : expected.entrySet()) {
      long[] totals = day.getValue();
      JsonObject report = reports.get(day.getKey());
      assertThat(report).as("report of " + day.getKey()).isEqualTo(new JsonObject()
          .put("date", day.getKey()).put("currency", "BRL")
          .put("credits", Money.format(totals[0])).put("debits", Money.format(totals[1]))
          .put("balance", Money.format(totals[0] - totals[1])).put("count", (int) totals[2]));
      List<String> ids = client.recordedIds(token, day.getKey());
      Set<String> expectedIds = accepted.entrySet().stream()
          .filter(e -> e.getValue().date().equals(day.getKey())).map(Map.Entry::getKey)
          .collect(Collectors.toSet());
      assertThat(ids).as("each accepted release recorded once").doesNotHaveDuplicates()
          .containsExactlyInAnyOrderElementsOf(expectedIds);
      recorded += ids.size();
    }
    assertThat(queue.depth("testQueue-dlq")).as("nothing dead-lettered").isZero();
    return "accepted " + accepted.size() + ", recorded " + recorded + ", reports " + reports;
  }
}
