package io.dailyflow.auth.keys;

import io.dailyflow.common.auth.RsaKeys;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /.well-known/jwks.json}: the current public key and, during a rotation, the previous
 * one, each by {@code kid}. Verifiers may cache it for the max-age and refetch on an unknown kid.
 */
public final class JwksHandler implements Handler<RoutingContext> {

  private static final String MAX_AGE_SECONDS = "300";

  private final Buffer body;

  public JwksHandler(SigningKeys keys) {
    JsonArray jwks = new JsonArray();
    keys.publishedKeys().forEach(key -> jwks.add(RsaKeys.toJwk(key)));
    this.body = new JsonObject().put("keys", jwks).toBuffer();
  }

  @Override
  public void handle(RoutingContext ctx) {
    ctx.response()
        .putHeader("Content-Type", "application/json; charset=utf-8")
        .putHeader("Cache-Control", "public, max-age=" + MAX_AGE_SECONDS)
        .end(body);
  }
}
