package io.dailyflow.releases.publish;

import io.vertx.core.json.JsonObject;

/**
 * Encodes a message body as JSON in pure ASCII: every non-ASCII character is written as a
 * {@code \\uXXXX} escape (still the same JSON value). SQS refuses bodies with characters such as
 * U+FFFF, which a valid description may hold, and ElasticMQ then rejects the whole batch; an
 * ASCII body is always accepted.
 */
final class AsciiJson {

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private AsciiJson() {
  }

  static String encode(JsonObject json) {
    String text = json.encode();
    int first = firstNonAscii(text);
    if (first < 0) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length() + 16).append(text, 0, first);
    for (int i = first; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        out.append(c);
      } else {
        // Outside JSON strings there is only ASCII, so every such char is inside a string.
        out.append("\\u").append(HEX[(c >> 12) & 0xf]).append(HEX[(c >> 8) & 0xf])
            .append(HEX[(c >> 4) & 0xf]).append(HEX[c & 0xf]);
      }
    }
    return out.toString();
  }

  private static int firstNonAscii(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) >= 0x80) {
        return i;
      }
    }
    return -1;
  }
}
