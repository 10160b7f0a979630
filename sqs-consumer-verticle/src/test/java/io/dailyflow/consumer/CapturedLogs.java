package io.dailyflow.consumer;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.LoggerFactory;

/** Captures one logger's lines with the MDC they were logged with. */
final class CapturedLogs extends AppenderBase<ILoggingEvent> implements AutoCloseable {

  record Line(String message, Map<String, String> mdc, String thread) {
  }

  private final Logger logger;
  private final List<Line> lines = new ArrayList<>();

  private CapturedLogs(Class<?> type) {
    this.logger = (Logger) LoggerFactory.getLogger(type);
  }

  static CapturedLogs of(Class<?> type) {
    CapturedLogs logs = new CapturedLogs(type);
    logs.start();
    logs.logger.addAppender(logs);
    return logs;
  }

  @Override
  protected synchronized void append(ILoggingEvent event) {
    lines.add(new Line(event.getFormattedMessage(), Map.copyOf(event.getMDCPropertyMap()),
        event.getThreadName()));
  }

  synchronized List<Line> lines() {
    return List.copyOf(lines);
  }

  @Override
  public void close() {
    logger.detachAppender(this);
    stop();
  }
}
