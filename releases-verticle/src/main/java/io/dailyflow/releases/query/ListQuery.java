package io.dailyflow.releases.query;

import io.dailyflow.common.http.Problem;
import io.dailyflow.common.http.Problem.FieldError;
import io.dailyflow.common.http.ProblemException;
import io.vertx.core.MultiMap;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The query of {@code GET /releases?date=YYYY-MM-DD&limit=50&cursor=...}: {@code date} defaults to
 * the company's today, {@code limit} is 1-500 (default 50); every invalid parameter is reported
 * in one 400.
 */
public record ListQuery(LocalDate date, int limit, PageCursor after) {

  public static final int DEFAULT_LIMIT = 50;
  public static final int MAX_LIMIT = 500;
  private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
  private static final Pattern LIMIT = Pattern.compile("\\d{1,3}");

  public static ListQuery from(MultiMap params, LocalDate today) {
    List<FieldError> errors = new ArrayList<>(3);
    LocalDate date = date(params.get("date"), today, errors);
    int limit = limit(params.get("limit"), errors);
    String cursorText = params.get("cursor");
    PageCursor after = cursorText == null ? null : PageCursor.decode(cursorText).orElse(null);
    if (cursorText != null && after == null) {
      errors.add(new FieldError("cursor", "is not a cursor returned by this API"));
    }
    if (!errors.isEmpty()) {
      throw new ProblemException(Problem.validation(errors));
    }
    return new ListQuery(date, limit, after);
  }

  private static LocalDate date(String text, LocalDate today, List<FieldError> errors) {
    if (text == null) {
      return today;
    }
    try {
      if (DATE.matcher(text).matches()) {
        return LocalDate.parse(text);
      }
    } catch (DateTimeException e) {
      // falls through to the error below
    }
    errors.add(new FieldError("date", "must be a date YYYY-MM-DD"));
    return today;
  }

  private static int limit(String text, List<FieldError> errors) {
    if (text == null) {
      return DEFAULT_LIMIT;
    }
    int limit = LIMIT.matcher(text).matches() ? Integer.parseInt(text) : -1;
    if (limit < 1 || limit > MAX_LIMIT) {
      errors.add(new FieldError("limit", "must be an integer from 1 to " + MAX_LIMIT));
      return DEFAULT_LIMIT;
    }
    return limit;
  }
}
