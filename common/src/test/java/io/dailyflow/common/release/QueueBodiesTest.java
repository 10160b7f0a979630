package io.dailyflow.common.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/** The shapes of a queue message body: one release, several, and either compressed. */
class QueueBodiesTest {

  private static final List<ReleaseMessage> RELEASES = IntStream.range(0, 50)
      .mapToObj(i -> new ReleaseMessage(UUID.randomUUID().toString(), "company-a", "user-" + i % 3,
          "Sale #" + i + " caf\u00e9", (i % 2 == 0 ? 1 : -1) * (1_000L + i),
          LocalDate.of(2025, 3, 14), Instant.parse("2025-03-14T15:00:00Z").plusMillis(i),
          UUID.randomUUID().toString(), null))
      .toList();

  @Test
  void severalReleasesCompressedComeBackAsTheyWereAndTakeAboutAThirdOfTheBytes() {
    String several = QueueBodies.several(RELEASES.stream().map(r -> r.toJson().encode()).toList());
    String gzipped = QueueBodies.gzipped(several);

    assertThat(new JsonObject(gzipped).fieldNames()).containsExactly(QueueBodies.GZIP);
    assertThat(gzipped).matches("\\p{ASCII}*");
    assertThat(gzipped.length()).isLessThan(several.length() / 2);
    assertThat(QueueBodies.releases(new JsonObject(gzipped)))
        .isEqualTo(QueueBodies.releases(new JsonObject(several)))
        .hasSize(50)
        .extracting(r -> ReleaseMessage.fromJson((JsonObject) r))
        .isEqualTo(RELEASES);
  }

  @Test
  void oneReleaseCompressedIsOneRelease() {
    String one = RELEASES.get(0).toJson().encode();
    assertThat(QueueBodies.releases(new JsonObject(QueueBodies.gzipped(one))))
        .containsExactly(new JsonObject(one));
  }

  @Test
  void aCompressedBodyThatCannotBeReadIsRefused() throws Exception {
    assertThatThrownBy(() -> QueueBodies.releases(new JsonObject().put(QueueBodies.GZIP, 42)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a string");
    assertThatThrownBy(() -> QueueBodies.releases(new JsonObject().put(QueueBodies.GZIP, "%%%")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> QueueBodies.releases(new JsonObject().put(QueueBodies.GZIP,
        Base64.getEncoder().encodeToString("not gzip".getBytes()))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not gzip");
    assertThatThrownBy(() -> QueueBodies.releases(new JsonObject().put(QueueBodies.GZIP,
        gzipBase64(new JsonObject().put(QueueBodies.GZIP, gzipBase64("{\"v\":1}")).encode()))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("another");
  }

  @Test
  void aBodyGzipWouldNotShortenIsLeftAsItIs() {
    String tiny = "{\"v\":1}";
    assertThat(QueueBodies.gzipped(tiny)).isEqualTo(tiny);
  }

  @Test
  void aBodyThatWouldInflatePastTheLimitIsRefusedWithoutInflatingIt() throws Exception {
    // 64 MiB of zeros: some 64 KiB compressed
    String body = new JsonObject()
        .put(QueueBodies.GZIP, gzipBase64(new byte[1 << 20], 64)).encode();
    assertThat(body.length()).isLessThan(256 * 1024); // fits in an SQS message
    assertThatThrownBy(() -> QueueBodies.releases(new JsonObject(body)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("inflates past");
  }

  private static String gzipBase64(String text) throws Exception {
    return gzipBase64(text.getBytes(StandardCharsets.UTF_8), 1);
  }

  /** Base64 of the gzip of {@code bytes} written {@code times} times. */
  private static String gzipBase64(byte[] bytes, int times) throws Exception {
    ByteArrayOutputStream zipped = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(zipped)) {
      for (int i = 0; i < times; i++) {
        gzip.write(bytes);
      }
    }
    return Base64.getEncoder().encodeToString(zipped.toByteArray());
  }
}
