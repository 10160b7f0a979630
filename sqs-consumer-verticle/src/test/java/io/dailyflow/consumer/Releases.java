package io.dailyflow.consumer;

import io.dailyflow.common.release.ReleaseMessage;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** Valid queue messages for tests. */
final class Releases {

  static final LocalDate DAY = LocalDate.of(2025, 3, 14);

  private Releases() {
  }

  static ReleaseMessage release(String companyId, long amountCents) {
    return new ReleaseMessage(UUID.randomUUID().toString(), companyId, "user-1",
        "Sale " + amountCents, amountCents, DAY, Instant.parse("2025-03-14T15:00:00Z"),
        "req-" + UUID.randomUUID(), null);
  }

  static String body(String companyId, long amountCents) {
    return release(companyId, amountCents).toJson().encode();
  }
}
