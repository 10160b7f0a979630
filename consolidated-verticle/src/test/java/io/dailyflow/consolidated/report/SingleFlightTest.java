package io.dailyflow.consolidated.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SingleFlightTest {

  /** The flights' clock: time passes only when a test says so. */
  private final AtomicLong nanos = new AtomicLong();

  private <K> SingleFlight<K, Integer> reusing(Duration window) {
    return new SingleFlight<>(window, result -> true, nanos::get);
  }

  private void advance(long millis) {
    nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(millis));
  }

  @Test
  void byDefaultACallIsSharedOnlyWhileInFlight() {
    SingleFlight<String, Integer> flights = new SingleFlight<>(Duration.ofSeconds(10));
    Promise<Integer> call = Promise.promise();
    flights.start("day", call.future());

    assertThat(flights.join("day")).isSameAs(call.future());
    call.complete(1);
    assertThat(flights.join("day")).isNull();
    assertThat(flights.size()).isZero();
  }

  @Test
  void aReusingFlightSharesAnAnsweredCallUntilItsWindowEnds() {
    SingleFlight<String, Integer> flights = reusing(Duration.ofMillis(500));
    flights.start("day", Future.succeededFuture(7));

    assertThat(flights.join("day").result()).isEqualTo(7);
    advance(600);
    assertThat(flights.join("day")).isNull();
    assertThat(flights.size()).isZero();
  }

  @Test
  void aResultItMayNotReuseOrAFailureIsSharedOnlyWhileInFlight() {
    SingleFlight<String, Integer> flights =
        SingleFlight.reusing(Duration.ofSeconds(10), result -> result > 0);
    Promise<Integer> unusable = Promise.promise();
    Promise<Integer> failing = Promise.promise();
    flights.start("zero", unusable.future());
    flights.start("failed", failing.future());

    assertThat(flights.join("zero")).isNotNull();
    unusable.complete(0);
    failing.fail("no answer");
    assertThat(flights.join("zero")).isNull();
    assertThat(flights.join("failed")).isNull();
  }

  @Test
  void aNewerCallReplacesAnOlderOneForLaterCallers() {
    SingleFlight<String, Integer> flights = reusing(Duration.ofSeconds(10));
    flights.start("day", Future.succeededFuture(1));
    flights.start("day", Future.succeededFuture(2));

    assertThat(flights.join("day").result()).isEqualTo(2);
  }

  @Test
  void callsOfKeysNeverAskedAgainDoNotPileUp() {
    SingleFlight<Integer, Integer> flights = reusing(Duration.ofMillis(1));
    for (int key = 0; key < 1_000; key++) {
      flights.start(key, Future.succeededFuture(key));
    }
    advance(5);
    for (int key = 1_000; key < 2_000; key++) {
      flights.start(key, Future.succeededFuture(key));
    }

    // The first thousand, past their window, went in the sweep that the table's growth set off.
    assertThat(flights.size()).isLessThanOrEqualTo(1_000 + 64);
    assertThat(flights.join(0)).isNull();
  }
}
