package io.dailyflow.consumer.batch;

import io.dailyflow.common.http.RequestIds;
import org.slf4j.MDC;

/**
 * Puts a message's request id on the MDC for the duration of one log call, so the consumer's log
 * lines about a release carry the id of the HTTP request that created it.
 */
public final class RequestLogs {

  private RequestLogs() {
  }

  /** Ids are checked as the HTTP side checks them, so a forged attribute cannot forge log lines. */
  public static void withRequestId(String requestId, Runnable log) {
    if (requestId == null || !RequestIds.isSane(requestId)) {
      log.run();
      return;
    }
    String previous = MDC.get(RequestIds.MDC_KEY);
    MDC.put(RequestIds.MDC_KEY, requestId);
    try {
      log.run();
    } finally {
      if (previous == null) {
        MDC.remove(RequestIds.MDC_KEY);
      } else {
        MDC.put(RequestIds.MDC_KEY, previous);
      }
    }
  }
}
