package io.dailyflow.auth.user;

import io.dailyflow.common.auth.Caller;
import io.dailyflow.common.http.Problem;
import io.dailyflow.common.http.Problems;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/** The product's roles and the route step that requires one (after {@code JwtAuthHandler}). */
public final class Roles {

  public static final String ADMIN = "admin";
  public static final String MERCHANT = "merchant";
  public static final String VIEWER = "viewer";
  public static final List<String> KNOWN = List.of(ADMIN, MERCHANT, VIEWER);

  private Roles() {
  }

  public static Handler<RoutingContext> require(String role) {
    return ctx -> {
      if (Caller.of(ctx).hasRole(role)) {
        ctx.next();
      } else {
        Problems.send(ctx, Problem.forbidden("This needs the '" + role + "' role"));
      }
    };
  }
}
