package io.dailyflow.local.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The ledger's invariants over random sequences of releases and reversals posted over HTTP to a
 * running product (seeded {@link Random} generators): the consolidated day and range totals are
 * the exact sum of the recorded amounts, every reversal cancels its original, a release is
 * reversed at most once (a second attempt, also a racing one, is a 409), and a retry with the
 * same Idempotency-Key is the same release, never a second one.
 */
class LedgerPropertiesTest {

  private static final int SEQUENCES = 4;
  private static final long SEED = Long.getLong("fuzz.seed", System.nanoTime());

  private static FuzzProduct product;
  private static final Map<String, String> tokens = new HashMap<>();
  private static final Map<String, Ledger> ledgers = Map.of("A", new Ledger(), "B", new Ledger());
  private static final ExecutorService racers = Executors.newFixedThreadPool(2);

  @BeforeAll
  static void startProduct() throws Exception {
    product = FuzzProduct.start("ledger-properties");
    tokens.put("A", product.login("merchant-a", "merchant-a-pass"));
    tokens.put("B", product.login("merchant-b", "merchant-b-pass"));
  }

  @AfterAll
  static void stopProduct() {
    racers.shutdownNow();
    if (product != null) {
      product.close();
    }
  }

  @Test
  void totalsAreTheExactSumOfRecordedAmountsAndEveryReversalCancelsItsOriginalOnce()
      throws Exception {
    System.out.println("LedgerPropertiesTest seed " + SEED + " (rerun with -Dfuzz.seed=" + SEED
        + ")");
    Random seeds = new Random(SEED);
    for (int sequence = 0; sequence < SEQUENCES; sequence++) {
      String company = sequence % 2 == 0 ? "A" : "B";
      long seed = seeds.nextLong();
      new Sequence(company, new Random(seed), "sequence " + sequence + " (seed " + seed + ")")
          .run(20 + seeds.nextInt(30));
      assertBookIsExact(company);
    }
  }

  private static void assertBookIsExact(String company) throws Exception {
    Ledger ledger = ledgers.get(company);
    String token = tokens.get(company);
    String today = FuzzProduct.today().toString();
    for (String date : ledger.dates(today)) {
      ledger.assertRecordedExactly(product, token, date);
    }

    HttpResponse<String> range = product.get("consolidated", "/consolidated?from="
        + FuzzProduct.today().minusDays(6) + "&to=" + today, token);
    assertThat(range.statusCode()).as(range.body()).isEqualTo(200);
    assertThat(new JsonObject(range.body()).getJsonObject("totals")).as("range totals")
        .isEqualTo(ledger.expectedTotals());

    Map<String, Long> reversalsPerOriginal = new HashMap<>();
    for (Ledger.Entry entry : ledger.entries().values()) {
      if (entry.reverses() != null) {
        Ledger.Entry original = ledger.get(entry.reverses());
        assertThat(original).as("reversal " + entry.id() + " of a recorded release").isNotNull();
        assertThat(original.cents() + entry.cents()).as("release + its reversal").isZero();
        reversalsPerOriginal.merge(entry.reverses(), 1L, Long::sum);
      }
    }
    assertThat(reversalsPerOriginal.values()).as("reversals per release").allMatch(n -> n == 1);
  }

  /** One random sequence of releases, retries and reversals for one company. */
  private static final class Sequence {

    private final String company;
    private final Random random;
    private final String name;
    private final List<String> accepted = new ArrayList<>();

    Sequence(String company, Random random, String name) {
      this.company = company;
      this.random = random;
      this.name = name;
    }

    void run(int steps) throws Exception {
      for (int step = 0; step < steps; step++) {
        int roll = random.nextInt(10);
        if (roll < 6 || accepted.isEmpty()) {
          release();
        } else if (roll < 9) {
          reverse(accepted.get(random.nextInt(accepted.size())), random.nextInt(4) == 0);
        } else {
          reverse(accepted.get(random.nextInt(accepted.size())), false);
        }
      }
    }

    private void release() throws Exception {
      long cents = amount();
      String description = Garbage.pick(random, List.of("Sale", "Rent", "Café ☕", "日本",
          "\uD83D\uDE00 emoji", "x".repeat(255), "Pay " + random.nextInt(1000)));
      // Every release carries a key: a 503 (a timeout on an overloaded machine) is then retried
      // as the contract says, without any risk of a second release.
      boolean retried = random.nextInt(3) == 0;
      String key = "ledger-" + UUID.randomUUID();
      JsonObject first = post(body(description, cents), key, 202);
      record(first, null);
      if (retried) {
        // The same release written differently: the same id, counted once.
        JsonObject retry = post(body("  " + description + " ", cents), key, 202);
        assertThat(retry.getString("id")).as(name + ": retry id").isEqualTo(first.getString("id"));
        record(retry, null);
        // Another body under the same key: refused.
        post(body(description, anotherAmount(cents)), key, 409);
      }
    }

    private void reverse(String originalId, boolean race) throws Exception {
      awaitRecorded(originalId);
      Ledger ledger = ledgers.get(company);
      boolean reversedBefore = ledger.entries().values().stream()
          .anyMatch(e -> originalId.equals(e.reverses()));
      List<Future<HttpResponse<String>>> attempts = new ArrayList<>();
      for (int i = 0; i < (race ? 2 : 1); i++) {
        attempts.add(racers.submit(() -> product.post("releases", "/releases/" + originalId
            + "/reversal", tokens.get(company), "", Map.of())));
      }
      int acceptedNow = 0;
      for (Future<HttpResponse<String>> attempt : attempts) {
        // The same reversal again on a 503: its id is the original's, never two.
        HttpResponse<String> reply = retriedWhileUnavailable(attempt.get(),
            "reversal of " + originalId, () -> product.post("releases",
                "/releases/" + originalId + "/reversal", tokens.get(company), "", Map.of()));
        assertThat(reply.statusCode()).as(name + ": reversal of " + originalId + " "
            + reply.body()).isIn(202, 409);
        if (reply.statusCode() == 202) {
          acceptedNow++;
          JsonObject reversal = new JsonObject(reply.body());
          assertThat(reversal.getString("reverses")).isEqualTo(originalId);
          record(reversal, originalId);
        }
      }
      assertThat(acceptedNow).as(name + ": reversals of " + originalId + " accepted now")
          .isEqualTo(reversedBefore ? 0 : 1);
    }

    /**
     * {@code first}, or, if it is a 503, the first other answer of {@code send} called again as
     * a client would: a second apart, for at most 5 s.
     */
    private HttpResponse<String> retriedWhileUnavailable(HttpResponse<String> first, String what,
        Callable<HttpResponse<String>> send) {
      return first.statusCode() != 503 ? first
          : await(name + ": " + what + " answered other than 503")
              .atMost(Duration.ofSeconds(6)).pollDelay(Duration.ofSeconds(1))
              .pollInterval(Duration.ofSeconds(1))
              .until(send, answer -> answer.statusCode() != 503);
    }

    private void awaitRecorded(String id) {
      await(name + ": release " + id + " recorded")
          .atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20))
          .until(() -> product.get("releases", "/releases/" + id, tokens.get(company))
              .statusCode() == 200);
    }

    private JsonObject post(String body, String key, int expected) throws Exception {
      // Again with the same key on a 503: the same release or nothing.
      Callable<HttpResponse<String>> send = () -> product.post("releases", "/releases",
          tokens.get(company), body, Map.of("Idempotency-Key", key));
      HttpResponse<String> reply = retriedWhileUnavailable(send.call(), body, send);
      assertThat(reply.statusCode()).as(name + ": " + body + " -> " + reply.body())
          .isEqualTo(expected);
      return new JsonObject(reply.body());
    }

    private void record(JsonObject release, String reverses) {
      String problem = ledgers.get(company).accept(new Ledger.Entry(release.getString("id"),
          Ledger.cents(release.getString("amount")), release.getString("date"), reverses));
      assertThat(problem).as(name).isNull();
      accepted.add(release.getString("id"));
    }

    /** Cents of every size: single cents, round amounts, the extremes, and in between. */
    private long amount() {
      long magnitude = switch (random.nextInt(6)) {
        case 0 -> 1 + random.nextInt(99);
        case 1 -> 100L * (1 + random.nextInt(1000));
        case 2 -> random.nextInt(10) == 0 ? ReleaseOracle.MAX_CENTS
            : 1 + (long) (random.nextDouble() * ReleaseOracle.MAX_CENTS);
        default -> 1 + random.nextInt(10_000_000);
      };
      return random.nextInt(3) == 0 ? -magnitude : magnitude;
    }

    /** A different valid amount, one cent towards zero (or away from it, for a single cent). */
    private static long anotherAmount(long cents) {
      if (Math.abs(cents) == 1) {
        return cents * 2;
      }
      return cents > 0 ? cents - 1 : cents + 1;
    }

    /** The amount as a JSON number or string, in one of its valid spellings. */
    private String body(String description, long cents) {
      String text = Ledger.format(cents);
      if (cents % 100 == 0 && random.nextBoolean()) {
        text = Long.toString(cents / 100);
      } else if (cents % 10 == 0 && random.nextBoolean()) {
        text = text.substring(0, text.length() - 1);
      }
      String amount = random.nextBoolean() ? "\"" + text + "\"" : text;
      return new JsonObject().put("description", description).encode()
          .replaceFirst("}$", ",\"amount\":" + amount + "}");
    }
  }
}
