package io.dailyflow.consolidated.http;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;

/** Where the HTTP routes get reports from, already in the contract's JSON. */
public interface ReportSource {

  Future<JsonObject> daily(String companyId, LocalDate date, String requestId);

  Future<JsonObject> range(String companyId, LocalDate from, LocalDate to, String requestId);

  /**
   * The daily report as the response body. What the daily route serves; a source that can encode
   * the report more cheaply than through a JsonObject overrides it.
   */
  default Future<Buffer> dailyJson(String companyId, LocalDate date, String requestId) {
    return daily(companyId, date, requestId).map(JsonObject::toBuffer);
  }
}
