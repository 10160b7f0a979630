package io.dailyflow.common.release;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The keys of the day totals are stored data: they must not change between versions. */
class DayTotalsDocumentsTest {

  private static final LocalDate DAY = LocalDate.of(2025, 3, 14);

  @Test
  void aReleaseIdAlwaysPicksTheSameShard() {
    // Fixed expectations: a redelivery after an upgrade must meet the pending list its first
    // delivery wrote, so changing how a shard is picked is a change of the stored format.
    // (Expected values computed apart from Java, from the specified String.hashCode.)
    assertThat(DayTotalsDocuments.shardOf("0192e5f1-7c3a-7b4e-9a1d-3f2c8e4b5a60")).isEqualTo(1);
    assertThat(DayTotalsDocuments.shardOf("5d41402a-bc4b-8a76-b971-9d911017c592")).isEqualTo(2);
    assertThat(DayTotalsDocuments.shardOf("seed-c-2025-03-14-0")).isEqualTo(10);
  }

  @Test
  void idsSpreadOverEveryShard() {
    Set<Integer> shards = new HashSet<>();
    for (int i = 0; i < 1_000; i++) {
      int shard = DayTotalsDocuments.shardOf(UUID.randomUUID().toString());
      assertThat(shard).isBetween(0, DayTotalsDocuments.SHARDS - 1);
      shards.add(shard);
    }
    assertThat(shards).hasSize(DayTotalsDocuments.SHARDS);
  }

  @Test
  void aDayIsReadFromItsShardsAndFromTheSingleDocumentOfEarlierVersions() {
    assertThat(DayTotalsDocuments.id("acme", DAY, 15)).isEqualTo("acme/2025-03-14/15");
    assertThat(DayTotalsDocuments.dayIds("acme", DAY))
        .hasSize(DayTotalsDocuments.SHARDS + 1)
        .startsWith("acme/2025-03-14", "acme/2025-03-14/0")
        .endsWith("acme/2025-03-14/15")
        .doesNotHaveDuplicates();
  }
}
