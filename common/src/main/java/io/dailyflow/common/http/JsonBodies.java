package io.dailyflow.common.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * Reads a JSON object body: 415 unless the content type is JSON, 400 unless the body is one
 * well-formed JSON object. The body limit (413) is enforced before, by the body handler.
 */
public final class JsonBodies {

  private JsonBodies() {
  }

  /** Route step: {@code .handler(JsonBodies::requireJson)}. */
  public static void requireJson(RoutingContext ctx) {
    String type = ctx.request().getHeader("Content-Type");
    if (!isJson(type)) {
      Problems.send(ctx, Problem.of(415, "Unsupported Media Type",
          "Send the body as application/json"));
      return;
    }
    ctx.next();
  }

  /**
   * Route step before the body handler: a form or multipart body is a 415, whatever the route
   * (the body handler would otherwise decode it, and fail with a 500 on a malformed one).
   */
  public static void refuseForms(RoutingContext ctx) {
    String type = ctx.request().getHeader("Content-Type");
    String mime = type == null ? "" : type.split(";", 2)[0].strip().toLowerCase();
    if (mime.startsWith("multipart/") || mime.equals("application/x-www-form-urlencoded")) {
      Problems.send(ctx, Problem.of(415, "Unsupported Media Type",
          "Send the body as application/json"));
      return;
    }
    ctx.next();
  }

  static boolean isJson(String contentType) {
    if (contentType == null) {
      return false;
    }
    String mime = contentType.split(";", 2)[0].strip().toLowerCase();
    return mime.equals("application/json") || (mime.startsWith("application/")
        && mime.endsWith("+json"));
  }

  /** The body as a JSON object, or a {@link ProblemException} with a 400. */
  public static JsonObject object(RoutingContext ctx) {
    Buffer body = ctx.body().buffer();
    if (body == null || body.length() == 0) {
      throw new ProblemException(Problem.badRequest("The body must be a JSON object"));
    }
    try {
      Object value = Json.decodeStrict(body);
      if (value instanceof JsonObject object) {
        return object;
      }
    } catch (DecodeException e) {
      throw new ProblemException(Problem.badRequest("The body is not valid JSON"));
    }
    throw new ProblemException(Problem.badRequest("The body must be a JSON object"));
  }
}
