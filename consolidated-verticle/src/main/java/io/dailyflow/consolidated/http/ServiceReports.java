package io.dailyflow.consolidated.http;

import io.dailyflow.common.http.Problem;
import io.dailyflow.common.http.ProblemException;
import io.dailyflow.consolidated.report.ConsolidationService;
import io.dailyflow.consolidated.report.ReportUnavailableException;
import io.dailyflow.consolidated.report.ReportViews;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.time.LocalDate;

/** Calls a {@link ConsolidationService} in the same verticle, without an event-bus hop. */
public final class ServiceReports implements ReportSource {

  private final ConsolidationService service;

  public ServiceReports(ConsolidationService service) {
    this.service = service;
  }

  @Override
  public Future<Buffer> daily(String companyId, LocalDate date, String requestId) {
    return service.daily(companyId, date)
        .map(ReportViews::dailyJson)
        .recover(ServiceReports::toProblem);
  }

  @Override
  public Future<Buffer> range(String companyId, LocalDate from, LocalDate to,
      String requestId) {
    return service.range(companyId, from, to)
        .map(days -> ReportViews.range(from, to, days).toBuffer())
        .recover(ServiceReports::toProblem);
  }

  private static <T> Future<T> toProblem(Throwable e) {
    if (e instanceof ReportUnavailableException) {
      return Future.failedFuture(new ProblemException(
          Problem.unavailable("The report store is not answering; try again", 2)));
    }
    if (e instanceof IllegalArgumentException) {
      return Future.failedFuture(new ProblemException(Problem.badRequest(e.getMessage())));
    }
    return Future.failedFuture(e);
  }
}
