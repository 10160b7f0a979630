package io.dailyflow.auth.store;

import com.mongodb.MongoException;
import io.dailyflow.common.http.Problem;
import io.dailyflow.common.http.ProblemException;
import io.vertx.core.Future;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Maps MongoDB failures: duplicate keys are answers, anything else means the store is down. */
public final class StoreErrors {

  private static final Logger LOG = LoggerFactory.getLogger(StoreErrors.class);
  private static final int DUPLICATE_KEY = 11_000;

  private StoreErrors() {
  }

  public static boolean isDuplicateKey(Throwable e) {
    if (e instanceof MongoException me && me.getCode() == DUPLICATE_KEY) {
      return true;
    }
    return e != null && e.getMessage() != null && e.getMessage().contains("E11000");
  }

  /**
   * For {@code .recover(...)}: a store failure becomes a 503 with {@code Retry-After}; the cause
   * is logged by class name only (driver messages may quote the query).
   */
  public static <T> Function<Throwable, Future<T>> unavailable(String operation) {
    return e -> {
      if (e instanceof ProblemException) {
        return Future.failedFuture(e);
      }
      LOG.warn("MongoDB failed during {}: {}", operation, e.getClass().getSimpleName());
      return Future.failedFuture(new ProblemException(
          Problem.unavailable("The user store is not available; try again", 2)));
    };
  }
}
