package io.dailyflow.auth.session;

import io.vertx.ext.web.RoutingContext;

/** Writes a token pair: 200, JSON, and never cached (RFC 6749 section 5.1). */
public final class TokenResponses {

  private TokenResponses() {
  }

  public static void send(RoutingContext ctx, TokenPair tokens) {
    ctx.response()
        .putHeader("Content-Type", "application/json; charset=utf-8")
        .putHeader("Cache-Control", "no-store")
        .putHeader("Pragma", "no-cache")
        .end(tokens.toJson().toBuffer());
  }
}
