package io.dailyflow.common.logging;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Fields that every log line written for one request carries (request id, company, user), bound to
 * the request's duplicated Vert.x context. Vert.x runs each HTTP request on its own duplicated
 * context and keeps it across the request's callbacks, so {@link RequestIdLogFilter} can copy them
 * into the MDC of whatever thread writes the line.
 */
public final class LogContext {

  public static final String REQUEST_ID = "requestId";
  public static final String COMPANY = "company";
  public static final String USER = "user";

  private static final Object KEY = LogContext.class.getName();

  private LogContext() {
  }

  /** Binds a field to {@code context} if it is a duplicated (per-request) context. */
  public static void bind(Context context, String field, String value) {
    if (value != null && context instanceof ContextInternal internal && internal.isDuplicate()) {
      fields(internal).put(field, value);
    }
  }

  public static void bind(String field, String value) {
    bind(Vertx.currentContext(), field, value);
  }

  /** The fields bound to the current context; empty outside a request. */
  public static Map<String, String> current() {
    Context context = Vertx.currentContext();
    if (context instanceof ContextInternal internal && internal.isDuplicate()) {
      Object fields = internal.localContextData().get(KEY);
      if (fields instanceof Map<?, ?> map) {
        @SuppressWarnings("unchecked")
        Map<String, String> typed = (Map<String, String>) map;
        return typed;
      }
    }
    return Map.of();
  }

  private static Map<String, String> fields(ContextInternal context) {
    @SuppressWarnings("unchecked")
    Map<String, String> fields = (Map<String, String>) context.localContextData()
        .computeIfAbsent(KEY, k -> new ConcurrentHashMap<String, String>());
    return fields;
  }
}
