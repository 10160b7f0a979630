package io.dailyflow.consolidated.http;

import io.dailyflow.common.auth.Caller;
import io.dailyflow.common.auth.JwtAuthHandler;
import io.dailyflow.common.config.CommonKeys;
import io.dailyflow.common.config.Config;
import io.dailyflow.common.health.HealthCheck;
import io.dailyflow.common.http.ApiRouter;
import io.dailyflow.common.http.RequestIds;
import io.dailyflow.common.release.BusinessCalendar;
import io.dailyflow.consolidated.report.ConsolidationService;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The Consolidated API's routes. Every report route is behind the JWT check and reports only the
 * caller's own company: the company comes from the token, never from the request.
 */
public final class ReportRoutes {

  private static final CharSequence JSON =
      HttpHeaders.createOptimized("application/json; charset=utf-8");

  private final ReportSource reports;
  private final BusinessCalendar calendar;

  ReportRoutes(ReportSource reports, BusinessCalendar calendar) {
    this.reports = reports;
    this.calendar = calendar;
  }

  /** The whole router of the service; tests mount it on port 0. */
  public static Router router(Vertx vertx, Config config, ReportSource reports,
      List<HealthCheck> checks) {
    Router router = ApiRouter.create(vertx, config.positiveInt(CommonKeys.HTTP_BODY_LIMIT_BYTES),
        checks);
    Handler<RoutingContext> auth = JwtAuthHandler.create(vertx, config);
    ReportRoutes routes = new ReportRoutes(reports, BusinessCalendar.from(config));
    router.get("/consolidated/daily").handler(auth).handler(routes::daily);
    router.get("/consolidated").handler(auth).handler(routes::range);
    return router;
  }

  /** {@code GET /consolidated/daily?date=YYYY-MM-DD}; no date: today in the company's zone. */
  void daily(RoutingContext ctx) {
    String companyId = Caller.of(ctx).companyId();
    DateQuery query = DateQuery.of(ctx);
    LocalDate date = query.optional("date");
    query.validate();
    LocalDate day = date != null ? date : calendar.today(companyId);
    respond(ctx, reports.daily(companyId, day, RequestIds.of(ctx)));
  }

  /** {@code GET /consolidated?from=&to=}: both required, from <= to, at most 366 days. */
  void range(RoutingContext ctx) {
    String companyId = Caller.of(ctx).companyId();
    DateQuery query = DateQuery.of(ctx);
    LocalDate from = query.required("from");
    LocalDate to = query.required("to");
    if (from != null && to != null) {
      long days = ChronoUnit.DAYS.between(from, to) + 1;
      query.reject("to", days < 1, "must not be before 'from'");
      query.reject("to", days > ConsolidationService.MAX_RANGE_DAYS,
          "the range covers at most " + ConsolidationService.MAX_RANGE_DAYS + " days");
    }
    query.validate();
    respond(ctx, reports.range(companyId, from, to, RequestIds.of(ctx)));
  }

  private static void respond(RoutingContext ctx, Future<Buffer> report) {
    report
        .onSuccess(json -> ctx.response()
            .putHeader(HttpHeaders.CONTENT_TYPE, JSON)
            .end(json))
        .onFailure(ctx::fail);
  }
}
