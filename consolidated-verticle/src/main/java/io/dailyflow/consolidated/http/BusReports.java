package io.dailyflow.consolidated.http;

import io.dailyflow.common.bus.Addresses;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.LocalDate;

/**
 * Asks the consolidation service verticle over the event bus. A failed request fails with the
 * {@link io.vertx.core.eventbus.ReplyException}, which {@code Problems} maps to a status (a
 * timeout or a missing service is a 503).
 */
public final class BusReports implements ReportSource {

  private final EventBus bus;
  private final long timeoutMs;

  public BusReports(EventBus bus, Duration timeout) {
    this.bus = bus;
    this.timeoutMs = timeout.toMillis();
  }

  @Override
  public Future<Buffer> daily(String companyId, LocalDate date, String requestId) {
    JsonObject body = new JsonObject().put("companyId", companyId).put("date", date.toString());
    return ask(Addresses.CONSOLIDATED_DAILY, body, requestId);
  }

  @Override
  public Future<Buffer> range(String companyId, LocalDate from, LocalDate to,
      String requestId) {
    JsonObject body = new JsonObject()
        .put("companyId", companyId)
        .put("from", from.toString())
        .put("to", to.toString());
    return ask(Addresses.CONSOLIDATED_RANGE, body, requestId);
  }

  private Future<Buffer> ask(String address, JsonObject body, String requestId) {
    DeliveryOptions options = new DeliveryOptions()
        .setSendTimeout(timeoutMs)
        .addHeader(Addresses.REQUEST_ID_HEADER, requestId);
    return bus.<JsonObject>request(address, body, options).map(reply -> reply.body().toBuffer());
  }
}
