package io.dailyflow.auth.user;

import io.dailyflow.common.auth.Caller;
import io.dailyflow.common.http.JsonBodies;
import io.dailyflow.common.http.RequestIds;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code POST /auth/users} (201 with the user, never its hash) and
 * {@code POST /auth/users/{id}/disable} (204). Behind JwtAuthHandler and the admin role.
 */
public final class UserAdminHandler {

  private final UserAdminService admin;
  private final int minPasswordLength;

  public UserAdminHandler(UserAdminService admin, int minPasswordLength) {
    this.admin = admin;
    this.minPasswordLength = minPasswordLength;
  }

  public void create(RoutingContext ctx) {
    NewUser request = NewUser.from(JsonBodies.object(ctx), minPasswordLength);
    admin.create(Caller.of(ctx), request, RequestIds.of(ctx))
        .onSuccess(user -> ctx.response()
            .setStatusCode(201)
            .putHeader("Content-Type", "application/json; charset=utf-8")
            .putHeader("Location", "/auth/users/" + user.id())
            .end(user.toView().toBuffer()))
        .onFailure(ctx::fail);
  }

  public void disable(RoutingContext ctx) {
    admin.disable(Caller.of(ctx), ctx.pathParam("id"), RequestIds.of(ctx))
        .onSuccess(v -> ctx.response().setStatusCode(204).end())
        .onFailure(ctx::fail);
  }
}
