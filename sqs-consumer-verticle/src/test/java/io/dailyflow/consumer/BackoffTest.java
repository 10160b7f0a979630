package io.dailyflow.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BackoffTest {

  @Test
  void pausesDoubleUpToTheCapAndStartOverAfterASuccess() {
    Backoff backoff = new Backoff(100, 500);

    assertThat(new long[] {backoff.next(), backoff.next(), backoff.next(), backoff.next(),
        backoff.next()}).containsExactly(100, 200, 400, 500, 500);
    backoff.reset();
    assertThat(backoff.next()).isEqualTo(100);
  }
}
