package io.dailyflow.consolidated.http;

import io.dailyflow.common.http.Problem;
import io.dailyflow.common.http.Problem.FieldError;
import io.dailyflow.common.http.ProblemException;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads date query parameters ({@code YYYY-MM-DD}, real calendar dates only) and collects what is
 * wrong with them, so that one 400 names every offending field.
 */
final class DateQuery {

  private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

  private final MultiMap params;
  private final List<FieldError> errors = new ArrayList<>();

  private DateQuery(MultiMap params) {
    this.params = params;
  }

  static DateQuery of(RoutingContext ctx) {
    try {
      return new DateQuery(ctx.queryParams());
    } catch (RuntimeException e) {
      throw new ProblemException(Problem.validation("query", "is not a well-formed query string"));
    }
  }

  /** The date, or {@code null} when the parameter is absent or invalid (then an error is kept). */
  LocalDate optional(String name) {
    List<String> values = params.getAll(name);
    if (values.isEmpty()) {
      return null;
    }
    if (values.size() > 1) {
      return reject(name, "must be given once");
    }
    String text = values.get(0);
    if (!ISO_DATE.matcher(text).matches()) {
      return reject(name, "must be a date YYYY-MM-DD");
    }
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      return reject(name, "is not a calendar date");
    }
  }

  LocalDate required(String name) {
    if (params.getAll(name).isEmpty()) {
      return reject(name, "is required");
    }
    return optional(name);
  }

  void reject(String field, boolean wrong, String message) {
    if (wrong) {
      reject(field, message);
    }
  }

  /** Throws the 400 naming every rejected field, if any. */
  void validate() {
    if (!errors.isEmpty()) {
      throw new ProblemException(Problem.validation(errors));
    }
  }

  private LocalDate reject(String field, String message) {
    errors.add(new FieldError(field, message));
    return null;
  }
}
