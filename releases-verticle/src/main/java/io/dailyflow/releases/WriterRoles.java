package io.dailyflow.releases;

import io.dailyflow.common.auth.Caller;
import io.dailyflow.common.config.Config;
import io.dailyflow.common.http.Problem;
import io.dailyflow.common.http.Problems;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Route step after the JWT check: only callers with one of {@code releases.writer-roles} may post
 * releases and reversals; anyone else (a {@code viewer}) gets 403.
 */
public final class WriterRoles implements Handler<RoutingContext> {

  private final Set<String> roles;

  public WriterRoles(Set<String> roles) {
    this.roles = Set.copyOf(roles);
  }

  public static WriterRoles from(Config config) {
    return new WriterRoles(config.array(ReleasesKeys.WRITER_ROLES).stream()
        .map(String::valueOf)
        .collect(Collectors.toSet()));
  }

  @Override
  public void handle(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    if (roles.stream().anyMatch(caller::hasRole)) {
      ctx.next();
      return;
    }
    Problems.send(ctx, Problem.forbidden("Your role may read releases but not post them"));
  }
}
