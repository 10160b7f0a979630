package io.dailyflow.common.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.MDC;
import org.slf4j.Marker;

/**
 * Copies the {@link LogContext} fields (request id, company, user) of the Vert.x context that is
 * logging into the MDC, just before each log event. MDC alone is per thread, and an event loop
 * interleaves many requests: a callback that runs after an async step would otherwise log another
 * request's fields. Values that code put on the MDC itself (a consumer logging about a queue
 * message) are left alone.
 *
 * <p>Turbo filters run for every logging call, also for {@code isDebugEnabled()} checks and for
 * events below the logger's level that logback is about to drop; libraries on the request path
 * (Netty, Vert.x) make such calls per request, so those return at once without touching the MDC.
 */
public final class RequestIdLogFilter extends TurboFilter {

  /** What this filter last put on this thread's MDC, field by field. */
  private static final ThreadLocal<Map<String, String>> PUT = ThreadLocal.withInitial(HashMap::new);

  @Override
  public FilterReply decide(Marker marker, Logger logger, Level level, String format,
      Object[] params, Throwable t) {
    if (level != null && !level.isGreaterOrEqual(logger.getEffectiveLevel())) {
      return FilterReply.NEUTRAL;
    }
    Map<String, String> fields = LogContext.current();
    Map<String, String> put = PUT.get();
    if (!put.isEmpty()) {
      put.forEach((field, value) -> {
        if (!fields.containsKey(field) && value.equals(MDC.get(field))) {
          MDC.remove(field);
        }
      });
      put.clear();
    }
    fields.forEach((field, value) -> {
      MDC.put(field, value);
      put.put(field, value);
    });
    return FilterReply.NEUTRAL;
  }
}
