package io.dailyflow.consolidated.report;

import com.mongodb.MongoCommandException;
import com.mongodb.MongoException;
import com.mongodb.MongoNodeIsRecoveringException;
import com.mongodb.MongoNotPrimaryException;
import java.util.concurrent.TimeoutException;

/** The report cannot be computed because MongoDB is down or too slow: a 503, not a bug. */
public final class ReportUnavailableException extends RuntimeException {

  public ReportUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * Wraps {@code failure} when it says the database did not answer (timeouts, refused or broken
   * connections, no primary); returns anything else, such as a rejected command, unchanged.
   */
  public static Throwable ifDependencyDown(Throwable failure) {
    if (isDependencyDown(failure)) {
      return new ReportUnavailableException("MongoDB did not answer: " + failure.getMessage(),
          failure);
    }
    return failure;
  }

  private static boolean isDependencyDown(Throwable failure) {
    if (failure instanceof TimeoutException) {
      return true;
    }
    if (failure instanceof MongoNotPrimaryException
        || failure instanceof MongoNodeIsRecoveringException) {
      return true;
    }
    return failure instanceof MongoException && !(failure instanceof MongoCommandException);
  }
}
