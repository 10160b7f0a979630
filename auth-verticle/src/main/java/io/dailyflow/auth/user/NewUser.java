package io.dailyflow.auth.user;

import io.dailyflow.common.http.Problem;
import io.dailyflow.common.http.Problem.FieldError;
import io.dailyflow.common.http.ProblemException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Pattern;

/** A validated {@code POST /auth/users} body: {@code {"username","password","roles"}}. */
public record NewUser(String username, String password, List<String> roles) {

  /** 3-64 characters: letters, digits, and {@code . _ @ -}, starting with a letter or digit. */
  public static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{2,63}");
  static final int MAX_PASSWORD_LENGTH = 1_024;

  /** Validates every field; a 400 problem listing each offending field otherwise. */
  public static NewUser from(JsonObject body, int minPasswordLength) {
    List<FieldError> errors = new ArrayList<>();
    String username = username(body.getValue("username"), errors);
    String password = password(body.getValue("password"), minPasswordLength, errors);
    List<String> roles = roles(body.getValue("roles"), errors);
    if (!errors.isEmpty()) {
      throw new ProblemException(Problem.validation(errors));
    }
    return new NewUser(username, password, roles);
  }

  private static String username(Object value, List<FieldError> errors) {
    if (value instanceof String text && USERNAME.matcher(text).matches()) {
      return text;
    }
    errors.add(new FieldError("username", "3-64 characters: letters, digits, '.', '_', '@', '-'"));
    return null;
  }

  private static String password(Object value, int minLength, List<FieldError> errors) {
    if (!(value instanceof String text)) {
      errors.add(new FieldError("password", "required, a string"));
      return null;
    }
    int length = text.codePointCount(0, text.length());
    if (length < minLength || length > MAX_PASSWORD_LENGTH) {
      errors.add(new FieldError("password", minLength + "-" + MAX_PASSWORD_LENGTH
          + " characters"));
      return null;
    }
    return text;
  }

  private static List<String> roles(Object value, List<FieldError> errors) {
    if (!(value instanceof JsonArray array) || array.isEmpty()) {
      errors.add(new FieldError("roles", "a non-empty array of " + Roles.KNOWN));
      return null;
    }
    LinkedHashSet<String> roles = new LinkedHashSet<>();
    for (Object role : array) {
      if (!(role instanceof String name) || !Roles.KNOWN.contains(name) || !roles.add(name)) {
        errors.add(new FieldError("roles", "each role once, one of " + Roles.KNOWN));
        return null;
      }
    }
    return List.copyOf(roles);
  }

  @Override
  public String toString() {
    return "NewUser[username=" + username + ", roles=" + roles + "]";
  }
}
