package io.dailyflow.releases.reversal;

import static org.assertj.core.api.Assertions.assertThat;

import io.dailyflow.common.release.Descriptions;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ReversalDescriptionTest {

  @Test
  void shortDescriptionsAreKeptWhole() {
    assertThat(ReversalService.description("Coffee")).isEqualTo("Reversal of Coffee");
  }

  @Test
  void anyValidDescriptionGivesAValidReversalDescription() {
    Random random = new Random(5);
    int[] alphabet = {'a', ' ', '\u00e9', 0x1F600, '\u4e2d', '-'};
    for (int i = 0; i < 2_000; i++) {
      StringBuilder original = new StringBuilder("x");
      int length = random.nextInt(Descriptions.MAX_LENGTH - 1);
      for (int c = 0; c < length; c++) {
        original.appendCodePoint(alphabet[random.nextInt(alphabet.length)]);
      }
      String text = Descriptions.normalize(original.toString());
      String reversal = ReversalService.description(text);
      assertThat(Descriptions.problemWith(reversal)).as(text).isEmpty();
      assertThat(reversal).startsWith("Reversal of x");
      assertThat(reversal).isEqualTo(reversal.strip());
    }
  }
}
