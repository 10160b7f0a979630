package io.dailyflow.releases.query;

import io.dailyflow.common.release.ReleaseDocuments;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * The opaque {@code cursor} of {@code GET /releases}: base64url of {@code recordedAt:id} of the
 * last release of a page; the next page starts strictly after it in recording order.
 */
public record PageCursor(long recordedAt, String id) {

  private static final int MAX_LENGTH = 512;

  public static PageCursor after(JsonObject doc) {
    return new PageCursor(((Number) doc.getValue(ReleaseDocuments.RECORDED_AT)).longValue(),
        doc.getString(ReleaseDocuments.ID));
  }

  public String encode() {
    return Base64.getUrlEncoder().withoutPadding()
        .encodeToString((recordedAt + ":" + id).getBytes(StandardCharsets.UTF_8));
  }

  /** The cursor, or empty if {@code text} is not one this API handed out. */
  public static Optional<PageCursor> decode(String text) {
    if (text == null || text.isEmpty() || text.length() > MAX_LENGTH) {
      return Optional.empty();
    }
    try {
      String plain = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
      int colon = plain.indexOf(':');
      if (colon < 1 || colon == plain.length() - 1) {
        return Optional.empty();
      }
      long recordedAt = Long.parseLong(plain.substring(0, colon));
      return recordedAt < 0 ? Optional.empty()
          : Optional.of(new PageCursor(recordedAt, plain.substring(colon + 1)));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
