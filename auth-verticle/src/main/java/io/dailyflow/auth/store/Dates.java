package io.dailyflow.auth.store;

import io.vertx.core.json.JsonObject;
import java.time.Instant;

/** BSON dates as the Vert.x MongoDB client writes and reads them: {@code {"$date": "..."}}. */
public final class Dates {

  private Dates() {
  }

  public static JsonObject of(Instant instant) {
    return new JsonObject().put("$date", instant.toString());
  }

  public static Instant read(JsonObject document, String field) {
    Object value = document.getValue(field);
    if (value instanceof JsonObject date && date.getValue("$date") instanceof String text) {
      return Instant.parse(text);
    }
    if (value instanceof Instant instant) {
      return instant;
    }
    throw new IllegalStateException("Field " + field + " is not a date");
  }
}
