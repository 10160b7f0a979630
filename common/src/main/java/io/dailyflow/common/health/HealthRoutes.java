package io.dailyflow.common.health;

import io.dailyflow.common.http.Problem;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code GET /health/live}: 200 while the process runs. {@code GET /health/ready}: 200 when every
 * critical dependency answers within a second, else 503 ({@code application/problem+json}, with
 * {@code Retry-After}) naming the ones that failed. Every dependency's status is in the body.
 */
public final class HealthRoutes {

  private static final long PROBE_TIMEOUT_MS = 1_000;

  private final List<HealthCheck> checks;

  private HealthRoutes(List<HealthCheck> checks) {
    this.checks = List.copyOf(checks);
  }

  public static void mount(Router router, List<HealthCheck> checks) {
    HealthRoutes routes = new HealthRoutes(checks);
    router.get("/health/live").handler(HealthRoutes::live);
    router.get("/health/ready").handler(routes::ready);
  }

  private static void live(RoutingContext ctx) {
    ctx.json(new JsonObject().put("status", "UP"));
  }

  private void ready(RoutingContext ctx) {
    List<Future<JsonObject>> results = checks.stream().map(HealthRoutes::run).toList();
    Future.join(results).onComplete(ignored -> {
      JsonObject dependencies = new JsonObject();
      List<String> down = new java.util.ArrayList<>();
      for (int i = 0; i < checks.size(); i++) {
        JsonObject result = results.get(i).result();
        dependencies.put(checks.get(i).name(), result);
        if (!"UP".equals(result.getString("status"))) {
          if (checks.get(i).critical()) {
            down.add(checks.get(i).name());
          } else {
            result.put("critical", false);
          }
        }
      }
      if (down.isEmpty()) {
        ctx.json(new JsonObject().put("status", "UP").put("dependencies", dependencies));
        return;
      }
      Problem problem = Problem.unavailable("Not ready: " + String.join(", ", down)
          + " did not answer", 5);
      ctx.response()
          .setStatusCode(503)
          .putHeader("Content-Type", "application/problem+json; charset=utf-8")
          .putHeader("Retry-After", "5")
          .end(problem.toJson().put("dependencies", dependencies).toBuffer());
    });
  }

  private static Future<JsonObject> run(HealthCheck check) {
    Future<?> probe;
    try {
      probe = check.probe().get();
    } catch (RuntimeException e) {
      probe = Future.failedFuture(e);
    }
    return probe
        .timeout(PROBE_TIMEOUT_MS, TimeUnit.MILLISECONDS)
        .map(ok -> new JsonObject().put("status", "UP"))
        .otherwise(e -> new JsonObject().put("status", "DOWN")
            .put("error", e.getClass().getSimpleName()));
  }
}
