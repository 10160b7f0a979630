package io.dailyflow.consolidated.bus;

import io.dailyflow.common.bus.Addresses;
import io.dailyflow.common.bus.FailureCode;
import io.dailyflow.common.http.RequestIds;
import io.dailyflow.consolidated.report.ConsolidationService;
import io.dailyflow.consolidated.report.ReportUnavailableException;
import io.dailyflow.consolidated.report.ReportViews;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Adapts the event bus to the {@link ConsolidationService}: reads the message shapes of
 * {@link Addresses}, replies with the contract's JSON, and fails with a {@link FailureCode} the
 * HTTP side maps to a status (INVALID 400, UNAVAILABLE 503, INTERNAL 500).
 */
final class ConsolidationRequests {

  private static final Logger LOG = LoggerFactory.getLogger(ConsolidationRequests.class);

  private final ConsolidationService service;

  ConsolidationRequests(ConsolidationService service) {
    this.service = service;
  }

  /** {@code {"companyId","date"}} -> the daily report. */
  void daily(Message<JsonObject> msg) {
    String companyId;
    LocalDate date;
    try {
      companyId = companyOf(msg.body());
      date = dateOf(msg.body(), "date");
    } catch (IllegalArgumentException e) {
      msg.fail(FailureCode.INVALID.code(), e.getMessage());
      return;
    }
    service.daily(companyId, date)
        .map(ReportViews::daily)
        .onSuccess(msg::reply)
        .onFailure(e -> fail(msg, companyId, e));
  }

  /** {@code {"companyId","from","to"}} -> the range report. */
  void range(Message<JsonObject> msg) {
    String companyId;
    LocalDate from;
    LocalDate to;
    try {
      companyId = companyOf(msg.body());
      from = dateOf(msg.body(), "from");
      to = dateOf(msg.body(), "to");
    } catch (IllegalArgumentException e) {
      msg.fail(FailureCode.INVALID.code(), e.getMessage());
      return;
    }
    service.range(companyId, from, to)
        .map(days -> ReportViews.range(from, to, days))
        .onSuccess(msg::reply)
        .onFailure(e -> fail(msg, companyId, e));
  }

  private static String companyOf(JsonObject body) {
    Object company = body == null ? null : body.getValue("companyId");
    if (!(company instanceof String id) || id.isBlank()) {
      throw new IllegalArgumentException("companyId is required");
    }
    return id;
  }

  private static LocalDate dateOf(JsonObject body, String field) {
    Object value = body.getValue(field);
    try {
      return LocalDate.parse((String) value);
    } catch (DateTimeParseException | ClassCastException | NullPointerException e) {
      throw new IllegalArgumentException(field + " must be a date YYYY-MM-DD");
    }
  }

  private static void fail(Message<JsonObject> msg, String companyId, Throwable e) {
    String requestId = msg.headers().get(Addresses.REQUEST_ID_HEADER);
    MDC.put(RequestIds.MDC_KEY, requestId);
    try {
      if (e instanceof IllegalArgumentException) {
        msg.fail(FailureCode.INVALID.code(), e.getMessage());
      } else if (e instanceof ReportUnavailableException) {
        LOG.warn("Report for company {} unavailable (request {}): {}", companyId, requestId,
            e.getMessage());
        msg.fail(FailureCode.UNAVAILABLE.code(), "The report store is not answering; try again");
      } else {
        LOG.error("Report for company {} failed (request {})", companyId, requestId, e);
        msg.fail(FailureCode.INTERNAL.code(), "The report could not be computed");
      }
    } finally {
      MDC.remove(RequestIds.MDC_KEY);
    }
  }
}
