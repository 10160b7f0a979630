package io.dailyflow.releases;

import io.dailyflow.common.release.ReleaseMessage;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** The success answers of the Releases API (errors go through {@code Problems}). */
public final class Replies {

  public static final String JSON = "application/json; charset=utf-8";

  private Replies() {
  }

  public static void ok(RoutingContext ctx, JsonObject body) {
    ctx.response()
        .putHeader(HttpHeaders.CONTENT_TYPE, JSON)
        .end(body.toBuffer());
  }

  /** 202 with the pending view and {@code Location: /releases/{id}}. */
  public static void accepted(RoutingContext ctx, ReleaseMessage release) {
    ctx.response()
        .setStatusCode(202)
        .putHeader(HttpHeaders.LOCATION, "/releases/" + release.id())
        .putHeader(HttpHeaders.CONTENT_TYPE, JSON)
        .end(release.toAcceptedView().toBuffer());
  }
}
