package io.dailyflow.common.http;

import io.dailyflow.common.logging.LogContext;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * {@code X-Request-Id}: the client's when it sent a sane one, else a new UUID. Echoed on every
 * response and bound to the request's Vert.x context so that its log lines carry it (see
 * {@code RequestIdLogFilter}); it travels onwards in event-bus headers and SQS message attributes.
 */
public final class RequestIds {

  public static final String HEADER = "X-Request-Id";
  public static final String MDC_KEY = LogContext.REQUEST_ID;
  private static final String CONTEXT_KEY = "dailyflow.requestId";
  /** The header name pre-encoded once, as Vert.x recommends for headers set on every response. */
  private static final CharSequence HEADER_NAME = HttpHeaders.createOptimized(HEADER);
  private static final Pattern SANE = Pattern.compile("[\\x21-\\x7e]{1,128}");

  private RequestIds() {
  }

  /** The first handler of every router. */
  public static void handle(RoutingContext ctx) {
    String id = fromClientOrNew(ctx.request());
    ctx.put(CONTEXT_KEY, id);
    ctx.response().putHeader(HEADER_NAME, id);
    bind(Vertx.currentContext(), id);
    ctx.next();
  }

  /**
   * Binds {@code id} to a duplicated Vert.x context (each HTTP request runs on its own), so that
   * every log line written from that context or its callbacks carries it. Queue consumers bind a
   * message's id the same way.
   */
  public static void bind(Context context, String id) {
    LogContext.bind(context, LogContext.REQUEST_ID, id);
  }

  public static String of(RoutingContext ctx) {
    String id = ctx.get(CONTEXT_KEY);
    return id != null ? id : "-";
  }

  /** The request id bound to the current Vert.x context, or null. */
  public static String current() {
    return LogContext.current().get(LogContext.REQUEST_ID);
  }

  private static String fromClientOrNew(HttpServerRequest request) {
    String sent = request.getHeader(HEADER);
    return isSane(sent) ? sent : newId();
  }

  /**
   * A new random (version 4) UUID. A request id must be unique, not secret: {@code
   * UUID.randomUUID()} draws from the shared SecureRandom (a lock and reads of /dev/urandom,
   * 1-2 us), this from the thread's own generator (a few hundred ns), on every request that comes
   * without an id.
   */
  public static String newId() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long high = (random.nextLong() & ~0xF000L) | 0x4000L;
    long low = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
    return new UUID(high, low).toString();
  }

  /** 1-128 visible ASCII characters: what a request id may be, wherever it comes from. */
  public static boolean isSane(String id) {
    return id != null && SANE.matcher(id).matches();
  }
}
