package io.dailyflow.releases.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ReleaseIdsTest {

  @Test
  void theSameCompanyAndKeyAlwaysGiveTheSameId() {
    assertThat(ReleaseIds.forIdempotencyKey("company-a", "key-1"))
        .isEqualTo(ReleaseIds.forIdempotencyKey("company-a", "key-1"));
  }

  @Test
  void companyKeyAndReversalIdsNeverCollideAcrossManyInputs() {
    Random random = new Random(7);
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < 5_000; i++) {
      String key = Long.toString(random.nextLong(), 36);
      ids.add(ReleaseIds.forIdempotencyKey("company-a", key));
      ids.add(ReleaseIds.forIdempotencyKey("company-b", key));
      ids.add(ReleaseIds.forReversalOf(key));
    }
    assertThat(ids).hasSize(15_000);
  }

  @Test
  void partsCannotBeShiftedBetweenCompanyAndKey() {
    assertThat(ReleaseIds.forIdempotencyKey("ab", "c"))
        .isNotEqualTo(ReleaseIds.forIdempotencyKey("a", "bc"));
  }

  @Test
  void derivedIdsAreVersion8UuidsAndRandomOnesVersion7() {
    UUID derived = UUID.fromString(ReleaseIds.forReversalOf("some-release"));
    UUID random = UUID.fromString(ReleaseIds.random());
    assertThat(derived.version()).isEqualTo(8);
    assertThat(derived.variant()).isEqualTo(2);
    assertThat(random.version()).isEqualTo(7);
    assertThat(random.variant()).isEqualTo(2);
  }

  @Test
  void randomIdsCarryTheirMillisecondAndSortByIt() {
    long now = System.currentTimeMillis();
    String id = ReleaseIds.random();
    assertThat(UUID.fromString(id).getMostSignificantBits() >>> 16)
        .isBetween(now, System.currentTimeMillis());
    SecureRandom random = new SecureRandom();
    List<String> ids = new ArrayList<>();
    for (long millis = now; millis < now + 50; millis++) {
      ids.add(ReleaseIds.timeOrdered(millis, random));
    }
    assertThat(ids).isSorted().doesNotHaveDuplicates();
    Set<String> sameMillisecond = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      sameMillisecond.add(ReleaseIds.timeOrdered(now, random));
    }
    assertThat(sameMillisecond).hasSize(10_000);
  }
}
