package io.dailyflow.common.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * An RFC 9457 problem: the one error shape of the whole product. Build one with the factories,
 * throw it as {@link ProblemException} or pass it to {@link Problems#send}.
 *
 * @param retryAfterSeconds sent as {@code Retry-After} for 429 and 503; 0 for none
 */
public record Problem(int status, String title, String detail, List<FieldError> errors,
    int retryAfterSeconds) {

  public static final String TYPE_BASE = "https://dailyflow.dev/problems/";

  /** One offending field of a validation error. */
  public record FieldError(String field, String message) {

    public JsonObject toJson() {
      return new JsonObject().put("field", field).put("message", message);
    }
  }

  public static Problem badRequest(String detail) {
    return new Problem(400, "Bad Request", detail, List.of(), 0);
  }

  public static Problem validation(List<FieldError> errors) {
    return new Problem(400, "Bad Request", "The request is not valid", List.copyOf(errors), 0);
  }

  public static Problem validation(String field, String message) {
    return validation(List.of(new FieldError(field, message)));
  }

  public static Problem unauthorized(String detail) {
    return new Problem(401, "Unauthorized", detail, List.of(), 0);
  }

  public static Problem forbidden(String detail) {
    return new Problem(403, "Forbidden", detail, List.of(), 0);
  }

  public static Problem notFound(String detail) {
    return new Problem(404, "Not Found", detail, List.of(), 0);
  }

  public static Problem conflict(String detail) {
    return new Problem(409, "Conflict", detail, List.of(), 0);
  }

  public static Problem tooManyRequests(String detail, int retryAfterSeconds) {
    return new Problem(429, "Too Many Requests", detail, List.of(), retryAfterSeconds);
  }

  public static Problem unavailable(String detail, int retryAfterSeconds) {
    return new Problem(503, "Service Unavailable", detail, List.of(), retryAfterSeconds);
  }

  public static Problem of(int status, String title, String detail) {
    return new Problem(status, title, detail, List.of(), 0);
  }

  /** The {@code type} URI: stable per status, so clients can switch on it. */
  public String type() {
    return TYPE_BASE + switch (status) {
      case 400 -> errors.isEmpty() ? "bad-request" : "validation";
      case 401 -> "unauthorized";
      case 403 -> "forbidden";
      case 404 -> "not-found";
      case 405 -> "method-not-allowed";
      case 409 -> "conflict";
      case 413 -> "payload-too-large";
      case 415 -> "unsupported-media-type";
      case 429 -> "too-many-requests";
      case 503 -> "unavailable";
      default -> "error-" + status;
    };
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject()
        .put("type", type())
        .put("title", title)
        .put("status", status)
        .put("detail", detail);
    if (!errors.isEmpty()) {
      json.put("errors", new JsonArray(errors.stream().map(FieldError::toJson).toList()));
    }
    return json;
  }
}
