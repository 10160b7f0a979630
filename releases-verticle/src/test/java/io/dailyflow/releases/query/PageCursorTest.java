package io.dailyflow.releases.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PageCursorTest {

  @Test
  void everyCursorDecodesToWhatWasEncoded() {
    Random random = new Random(11);
    for (int i = 0; i < 1_000; i++) {
      PageCursor cursor = new PageCursor(Math.abs(random.nextLong()),
          java.util.UUID.randomUUID() + (random.nextBoolean() ? ":with:colons" : ""));
      assertThat(cursor.encode()).matches("[A-Za-z0-9_-]+");
      assertThat(PageCursor.decode(cursor.encode())).contains(cursor);
    }
  }

  @Test
  void randomTextIsRefusedWithoutAnException() {
    Random random = new Random(12);
    for (int i = 0; i < 5_000; i++) {
      byte[] bytes = new byte[random.nextInt(40)];
      random.nextBytes(bytes);
      String text = random.nextBoolean()
          ? new String(bytes, StandardCharsets.ISO_8859_1)
          : Base64.getUrlEncoder().encodeToString(bytes);
      PageCursor.decode(text).ifPresent(cursor -> {
        assertThat(cursor.recordedAt()).isNotNegative();
        assertThat(cursor.id()).isNotEmpty();
      });
    }
  }

  @Test
  void cursorsWithoutANumberOrAnIdAreRefused() {
    for (String plain : new String[] {"nocolon", ":id", "12:", "-5:id", "x:id", ""}) {
      String text = Base64.getUrlEncoder().withoutPadding()
          .encodeToString(plain.getBytes(StandardCharsets.UTF_8));
      assertThat(PageCursor.decode(text)).as(plain).isEmpty();
    }
    assertThat(PageCursor.decode("A".repeat(600))).isEmpty();
  }
}
