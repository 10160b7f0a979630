package io.dailyflow.common.http;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.MDC;

/**
 * {@code X-Request-Id}: the client's when it sent a sane one, else a new UUID. Echoed on every
 * response and put on the MDC so log lines carry it; it travels onwards in event-bus headers and
 * SQS message attributes.
 */
public final class RequestIds {

  public static final String HEADER = "X-Request-Id";
  public static final String MDC_KEY = "requestId";
  private static final String CONTEXT_KEY = "dailyflow.requestId";
  private static final Pattern SANE = Pattern.compile("[\\x21-\\x7e]{1,128}");

  private RequestIds() {
  }

  /** The first handler of every router. */
  public static void handle(RoutingContext ctx) {
    String id = fromClientOrNew(ctx.request());
    ctx.put(CONTEXT_KEY, id);
    ctx.response().putHeader(HEADER, id);
    MDC.put(MDC_KEY, id);
    ctx.addEndHandler(ignored -> MDC.remove(MDC_KEY));
    ctx.next();
  }

  public static String of(RoutingContext ctx) {
    String id = ctx.get(CONTEXT_KEY);
    return id != null ? id : "-";
  }

  private static String fromClientOrNew(HttpServerRequest request) {
    String sent = request.getHeader(HEADER);
    return isSane(sent) ? sent : UUID.randomUUID().toString();
  }

  /** 1-128 visible ASCII characters: what a request id may be, wherever it comes from. */
  public static boolean isSane(String id) {
    return id != null && SANE.matcher(id).matches();
  }
}
