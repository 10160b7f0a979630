package io.dailyflow.consolidated.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CacheBreakerTest {

  private final AtomicLong now = new AtomicLong(1_000);
  private final CacheBreaker breaker = new CacheBreaker(Duration.ofNanos(500), now::get);

  @Test
  void aClosedBreakerLetsRequestsThrough() {
    assertThat(breaker.allowsRequest()).isTrue();
  }

  @Test
  void aFailureSkipsRedisUntilAProbeSucceedsAndOneProbeIsDuePerOpenPeriod() {
    assertThat(breaker.recordFailure()).isTrue();
    now.addAndGet(499);
    assertThat(breaker.probeDue()).isFalse();
    now.addAndGet(1);
    assertThat(breaker.probeDue()).as("first caller after the period").isTrue();
    assertThat(breaker.probeDue()).as("second caller").isFalse();
    assertThat(breaker.allowsRequest()).as("requests still skip Redis").isFalse();
    now.addAndGet(500);
    assertThat(breaker.probeDue()).as("the probe got no answer: another one").isTrue();
    breaker.recordSuccess();
    assertThat(breaker.allowsRequest()).isTrue();
    assertThat(breaker.probeDue()).isFalse();
  }

  @Test
  void onlyTheFailureThatOpensTheBreakerReportsIt() {
    assertThat(breaker.recordFailure()).isTrue();
    assertThat(breaker.recordFailure()).isFalse();
  }

  @Test
  void aSuccessClosesTheBreakerAndSaysSoOnce() {
    breaker.recordFailure();
    assertThat(breaker.recordSuccess()).isTrue();
    assertThat(breaker.allowsRequest()).isTrue();
    assertThat(breaker.recordSuccess()).isFalse();
  }

  @Test
  void aZeroOpenPeriodNeverSkipsRedis() {
    CacheBreaker disabled = new CacheBreaker(Duration.ZERO, now::get);
    disabled.recordFailure();
    assertThat(disabled.allowsRequest()).isTrue();
  }
}
