package io.dailyflow.common.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import io.dailyflow.common.http.RequestIds;
import org.slf4j.MDC;
import org.slf4j.Marker;

/**
 * Puts the request id of the Vert.x context that is logging into the MDC, just before each log
 * event. MDC alone is per thread, and an event loop interleaves many requests: a callback that
 * runs after an async step would log another request's id. Vert.x runs each HTTP request on its
 * own duplicated context that follows its callbacks, so the id bound there ({@link RequestIds})
 * is the right one wherever the log line is written.
 */
public final class RequestIdLogFilter extends TurboFilter {

  /** The id this filter last put on this thread's MDC; an id put there by code is left alone. */
  private static final ThreadLocal<String> PUT = new ThreadLocal<>();

  @Override
  public FilterReply decide(Marker marker, Logger logger, Level level, String format,
      Object[] params, Throwable t) {
    String id = RequestIds.current();
    String put = PUT.get();
    if (id != null) {
      MDC.put(RequestIds.MDC_KEY, id);
      PUT.set(id);
    } else if (put != null) {
      if (put.equals(MDC.get(RequestIds.MDC_KEY))) {
        MDC.remove(RequestIds.MDC_KEY);
      }
      PUT.remove();
    }
    return FilterReply.NEUTRAL;
  }
}
