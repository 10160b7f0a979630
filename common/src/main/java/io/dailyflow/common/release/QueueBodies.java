package io.dailyflow.common.release;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The shapes of an SQS message body (ADR 0007). One release: the object of
 * {@link ReleaseMessage#toJson()}. Several releases: {@code {"releases":[release, ...]}}, each
 * element that same object. Compressed: {@code {"gzip":"<base64>"}}, the gzip of a body of one
 * of the other two shapes. The Releases API packs the releases that arrive together into one
 * message because a queue's cost is per message (a durable queue writes each message; Amazon
 * SQS bills each request), and compresses what it packs because the rest is per byte (checksums,
 * validation, storage: a packed body shrinks about three times); the consumer reads every shape,
 * and deletes a message only once every release in it is stored.
 */
public final class QueueBodies {

  /** The field holding the releases of a message that carries several. */
  public static final String RELEASES = "releases";

  /** The field holding a compressed body, base64 of its gzip. */
  public static final String GZIP = "gzip";

  /**
   * Most bytes a compressed body may inflate to. The Releases API compresses bodies of at most
   * 240 KiB; a body that would inflate past this is refused (poison), not inflated.
   */
  public static final int MAX_INFLATED_BYTES = 1024 * 1024;

  private QueueBodies() {
  }

  /**
   * The body of a message carrying several releases, from their encoded JSON objects (as they
   * would be sent one per message).
   */
  public static String several(List<String> encodedReleases) {
    int length = 16 + encodedReleases.size();
    for (String release : encodedReleases) {
      length += release.length();
    }
    StringBuilder body = new StringBuilder(length).append("{\"").append(RELEASES).append("\":[");
    for (int i = 0; i < encodedReleases.size(); i++) {
      if (i > 0) {
        body.append(',');
      }
      body.append(encodedReleases.get(i));
    }
    return body.append("]}").toString();
  }

  /**
   * {@code body} compressed (its UTF-8 bytes): {@code {"gzip":"<base64>"}}, pure ASCII; or
   * {@code body} itself in the rare case where that would not be shorter.
   */
  public static String gzipped(String body) {
    ByteArrayOutputStream zipped = new ByteArrayOutputStream(body.length() / 3 + 64);
    try (GZIPOutputStream gzip = new FastGzipOutputStream(zipped)) {
      gzip.write(body.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
    }
    String gzipped = "{\"" + GZIP + "\":\""
        + Base64.getEncoder().encodeToString(zipped.toByteArray()) + "\"}";
    return gzipped.length() < body.length() ? gzipped : body;
  }

  /**
   * The release objects of a body: its {@value #RELEASES} elements, or the body itself; a
   * compressed body is inflated first. An element that is not an object is returned as it is,
   * for the caller to refuse. A compressed body that cannot be read throws a
   * {@link RuntimeException} ({@link IllegalArgumentException}, or Vert.x's {@code
   * DecodeException} for what inflates to no JSON object).
   */
  public static List<Object> releases(JsonObject body) {
    if (body.containsKey(GZIP)) {
      body = inflated(body.getValue(GZIP));
    }
    Object several = body.getValue(RELEASES);
    if (!(several instanceof JsonArray array)) {
      return List.of(body);
    }
    List<Object> releases = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      releases.add(array.getValue(i)); // objects come back as JsonObject
    }
    return releases;
  }

  private static JsonObject inflated(Object compressed) {
    if (!(compressed instanceof String base64)) {
      throw new IllegalArgumentException("'" + GZIP + "' is not a string");
    }
    byte[] json;
    try (InputStream gzip = new GZIPInputStream(new ByteArrayInputStream(
        Base64.getDecoder().decode(base64)))) {
      json = gzip.readNBytes(MAX_INFLATED_BYTES + 1);
    } catch (IOException e) {
      throw new IllegalArgumentException("'" + GZIP + "' is not gzip: " + e.getMessage(), e);
    }
    if (json.length > MAX_INFLATED_BYTES) {
      throw new IllegalArgumentException("'" + GZIP + "' inflates past "
          + MAX_INFLATED_BYTES + " bytes");
    }
    JsonObject body = new JsonObject(Buffer.buffer(json));
    if (body.containsKey(GZIP)) {
      throw new IllegalArgumentException("'" + GZIP + "' holds another compressed body");
    }
    return body;
  }

  /** Gzip at the fastest level: the bodies are small, and sent while releases wait. */
  private static final class FastGzipOutputStream extends GZIPOutputStream {
    FastGzipOutputStream(OutputStream out) throws IOException {
      super(out, 8192);
      def.setLevel(Deflater.BEST_SPEED);
    }
  }
}
