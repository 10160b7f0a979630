package io.dailyflow.releases.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AsciiJsonTest {

  @Test
  void anyStringSurvivesAsPureAsciiJson() {
    Random random = new Random(99);
    for (int i = 0; i < 2_000; i++) {
      StringBuilder text = new StringBuilder();
      for (int c = random.nextInt(30); c > 0; c--) {
        int codePoint = random.nextInt(4) == 0 ? random.nextInt(0x80)
            : random.nextInt(Character.MAX_CODE_POINT + 1);
        if (codePoint < Character.MIN_SURROGATE || codePoint > Character.MAX_SURROGATE) {
          text.appendCodePoint(codePoint);
        }
      }
      JsonObject json = new JsonObject().put("description", text.toString()).put("n", i);
      String encoded = AsciiJson.encode(json);
      assertThat(encoded.chars().allMatch(c -> c < 0x80)).isTrue();
      assertThat(new JsonObject(encoded)).isEqualTo(json);
    }
  }

  @Test
  void asciiBodiesAreLeftAsTheyAre() {
    JsonObject json = new JsonObject().put("description", "plain \"quoted\" \\ text");
    assertThat(AsciiJson.encode(json)).isEqualTo(json.encode());
  }
}
