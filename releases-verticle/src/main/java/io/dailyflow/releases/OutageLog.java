package io.dailyflow.releases;

import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs a dependency's outages without flooding the log under load: the first failure after a
 * success is a WARN, the recovery an INFO, every other failure DEBUG. Shared by all verticle
 * instances of the process (one per dependency).
 */
public final class OutageLog {

  private static final Logger LOG = LoggerFactory.getLogger(OutageLog.class);

  public static final OutageLog REDIS = new OutageLog("Redis");
  public static final OutageLog MONGO = new OutageLog("MongoDB");
  public static final OutageLog SQS = new OutageLog("SQS");

  private final String dependency;
  private final AtomicBoolean down = new AtomicBoolean();

  private OutageLog(String dependency) {
    this.dependency = dependency;
  }

  public void answered() {
    if (down.get() && down.compareAndSet(true, false)) {
      LOG.info("{} answers again", dependency);
    }
  }

  /** {@code what}: what the request did about it, with the entity and request ids. */
  public void failed(Throwable cause, String what) {
    if (down.compareAndSet(false, true)) {
      LOG.warn("{} unavailable ({}): {}", dependency, cause.toString(), what);
    } else {
      LOG.debug("{} unavailable: {}", dependency, what);
    }
  }
}
