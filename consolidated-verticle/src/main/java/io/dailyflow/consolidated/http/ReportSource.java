package io.dailyflow.consolidated.http;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.time.LocalDate;

/** Where the HTTP routes get reports from, already encoded as the contract's JSON bodies. */
public interface ReportSource {

  Future<Buffer> daily(String companyId, LocalDate date, String requestId);

  Future<Buffer> range(String companyId, LocalDate from, LocalDate to, String requestId);
}
