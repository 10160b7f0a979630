package io.dailyflow.common.http;

import io.dailyflow.common.health.HealthCheck;
import io.dailyflow.common.health.HealthRoutes;
import io.dailyflow.common.metrics.Metrics;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.micrometer.PrometheusScrapingHandler;
import java.util.List;

/**
 * The part of every service's router that is the same everywhere: request ids first, health and
 * metrics, a body limit, JSON 404/405 and one failure handler that answers problem+json.
 */
public final class ApiRouter {

  private ApiRouter() {
  }

  /**
   * A router with the cross-cutting routes mounted. Add the service's routes to it; they run
   * after the request-id handler.
   */
  public static Router create(Vertx vertx, long bodyLimitBytes, List<HealthCheck> checks) {
    Router router = Router.router(vertx);
    router.route().handler(RequestIds::handle);
    HealthRoutes.mount(router, checks);
    router.get("/metrics").handler(PrometheusScrapingHandler.create(Metrics.registry()));
    router.get("/openapi.yaml").handler(OpenApiDocument::serve);
    // No route reads a form: refused before the body handler, whose form decoder throws on
    // malformed (or GET) form bodies.
    router.route().handler(JsonBodies::refuseForms);
    router.route().handler(BodyHandler.create(false).setBodyLimit(bodyLimitBytes));
    router.route().failureHandler(Problems::handle);
    router.errorHandler(400, ctx -> Problems.send(ctx,
        Problem.badRequest("The request could not be read")));
    router.errorHandler(404, Problems::handle);
    router.errorHandler(405, Problems::handle);
    return router;
  }
}
