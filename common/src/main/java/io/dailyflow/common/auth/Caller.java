package io.dailyflow.common.auth;

import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * Who is calling, taken from a verified access token by {@link JwtAuthHandler}. Routes read this,
 * never the token.
 */
public record Caller(String userId, String username, String companyId, List<String> roles) {

  private static final String CONTEXT_KEY = "dailyflow.caller";

  public static Caller of(RoutingContext ctx) {
    Caller caller = ctx.get(CONTEXT_KEY);
    if (caller == null) {
      throw new IllegalStateException("Route is not behind JwtAuthHandler");
    }
    return caller;
  }

  void attachTo(RoutingContext ctx) {
    ctx.put(CONTEXT_KEY, this);
  }

  public boolean hasRole(String role) {
    return roles.contains(role);
  }
}
