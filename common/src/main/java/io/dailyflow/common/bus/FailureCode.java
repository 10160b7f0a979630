package io.dailyflow.common.bus;

/**
 * Failure codes an event-bus consumer passes to {@code msg.fail(code, text)}. The HTTP side maps
 * them to statuses in {@code Problems.fromReply}; the text is safe to show to a client.
 */
public enum FailureCode {
  INVALID(400),
  NOT_FOUND(404),
  CONFLICT(409),
  UNAVAILABLE(503),
  INTERNAL(500);

  private final int code;

  FailureCode(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  public static FailureCode of(int code) {
    for (FailureCode value : values()) {
      if (value.code == code) {
        return value;
      }
    }
    return INTERNAL;
  }
}
