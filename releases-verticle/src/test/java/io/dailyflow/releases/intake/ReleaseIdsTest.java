package io.dailyflow.releases.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
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
  void derivedIdsAreVersion8UuidsAndRandomOnesVersion4() {
    UUID derived = UUID.fromString(ReleaseIds.forReversalOf("some-release"));
    UUID random = UUID.fromString(ReleaseIds.random());
    assertThat(derived.version()).isEqualTo(8);
    assertThat(derived.variant()).isEqualTo(2);
    assertThat(random.version()).isEqualTo(4);
  }
}
