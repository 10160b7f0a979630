package io.dailyflow.auth.login;

import io.dailyflow.common.http.Problem;
import io.dailyflow.common.http.Problem.FieldError;
import io.dailyflow.common.http.ProblemException;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@code POST /auth/login} body. Only the shape is checked (strings of sane length): whether the
 * name could exist is not, so a malformed name is just another failed login.
 */
public record Credentials(String username, String password) {

  static final int MAX_USERNAME = 256;
  static final int MAX_PASSWORD = 1_024;

  public static Credentials from(JsonObject body) {
    List<FieldError> errors = new ArrayList<>();
    String username = text(body.getValue("username"), "username", MAX_USERNAME, errors);
    String password = text(body.getValue("password"), "password", MAX_PASSWORD, errors);
    if (!errors.isEmpty()) {
      throw new ProblemException(Problem.validation(errors));
    }
    return new Credentials(username, password);
  }

  private static String text(Object value, String field, int max, List<FieldError> errors) {
    if (value instanceof String text && !text.isEmpty() && text.length() <= max) {
      return text;
    }
    errors.add(new FieldError(field, "required, a string of 1-" + max + " characters"));
    return null;
  }

  @Override
  public String toString() {
    return "Credentials[username=" + username + "]";
  }
}
