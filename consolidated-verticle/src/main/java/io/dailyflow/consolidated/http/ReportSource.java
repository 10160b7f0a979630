package io.dailyflow.consolidated.http;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;

/** Where the HTTP routes get reports from, already in the contract's JSON. */
public interface ReportSource {

  Future<JsonObject> daily(String companyId, LocalDate date, String requestId);

  Future<JsonObject> range(String companyId, LocalDate from, LocalDate to, String requestId);
}
