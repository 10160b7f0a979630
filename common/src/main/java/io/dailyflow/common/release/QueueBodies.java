package io.dailyflow.common.release;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * The two shapes of an SQS message body (ADR 0007). One release: the object of
 * {@link ReleaseMessage#toJson()}. Several releases: {@code {"releases":[release, ...]}}, each
 * element that same object. The Releases API packs the releases that arrive together into one
 * message because a queue's cost is per message, not per byte (a durable queue writes each
 * message; Amazon SQS bills each request); the consumer reads both shapes, and deletes a message
 * only once every release in it is stored.
 */
public final class QueueBodies {

  /** The field holding the releases of a message that carries several. */
  public static final String RELEASES = "releases";

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
   * The release objects of a body: its {@value #RELEASES} elements, or the body itself. An
   * element that is not an object is returned as it is, for the caller to refuse.
   */
  public static List<Object> releases(JsonObject body) {
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
}
