package io.dailyflow.auth.session;

import io.dailyflow.common.http.JsonBodies;
import io.dailyflow.common.http.Problem;
import io.dailyflow.common.http.ProblemException;
import io.dailyflow.common.http.RequestIds;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code POST /auth/refresh} and {@code POST /auth/logout}, both {@code {"refresh_token"}}.
 */
public final class SessionHandler {

  private final SessionService sessions;

  public SessionHandler(SessionService sessions) {
    this.sessions = sessions;
  }

  public void refresh(RoutingContext ctx) {
    sessions.refresh(refreshToken(JsonBodies.object(ctx)), RequestIds.of(ctx))
        .onSuccess(tokens -> TokenResponses.send(ctx, tokens))
        .onFailure(ctx::fail);
  }

  public void logout(RoutingContext ctx) {
    sessions.logout(refreshToken(JsonBodies.object(ctx)), RequestIds.of(ctx))
        .onSuccess(v -> ctx.response().setStatusCode(204).end())
        .onFailure(ctx::fail);
  }

  private static String refreshToken(JsonObject body) {
    if (body.getValue("refresh_token") instanceof String token && !token.isEmpty()
        && token.length() <= RefreshTokens.MAX_LENGTH) {
      return token;
    }
    throw new ProblemException(Problem.validation("refresh_token",
        "required, a string of 1-" + RefreshTokens.MAX_LENGTH + " characters"));
  }
}
