package io.dailyflow.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The durable embedded SQS gives a 20 s long poll room to answer late (its receive waits for the
 * persistence of its messages) before the HTTP server gives up on it, and still closes idle
 * connections only after that.
 */
class DurableSqsSettingsTest {

  private static final Duration LONGEST_LONG_POLL = Duration.ofSeconds(20);

  @Test
  void aLongPollHasTimeToSpareBeforeTheServerTimesItOut() {
    Duration requestTimeout = DurableSqs.SERVER_SETTINGS
        .getDuration("pekko.http.server.request-timeout");
    Duration idleTimeout = DurableSqs.SERVER_SETTINGS
        .getDuration("pekko.http.server.idle-timeout");
    assertThat(requestTimeout).isGreaterThanOrEqualTo(LONGEST_LONG_POLL.plusSeconds(10))
        .isLessThan(idleTimeout);
  }
}
