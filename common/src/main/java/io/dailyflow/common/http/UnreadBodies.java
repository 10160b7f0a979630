package io.dailyflow.common.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;

/**
 * What happens to a request body the server answered without reading: a 413 decided from the
 * declared length, a 415 for a form. Left alone, Vert.x reads and drops the rest of such a body
 * for as long as the client sends it, without limit: a client could stream gigabytes into a
 * connection that was answered long ago. Closing at once is no better: unread bytes make the
 * close a reset, which can destroy the answer before the client has read it.
 *
 * <p>So the rest is read and dropped, like a lingering close, but bounded: the client finishes
 * its request, reads the answer and may reuse the connection; past {@link #DRAIN_LIMIT_BYTES}, or
 * when the body has not ended {@link #DRAIN_LIMIT_MS} after the answer, the connection is closed
 * once the answer is written.
 */
public final class UnreadBodies {

  /** Most bytes read and dropped after an early answer before the connection is closed. */
  public static final long DRAIN_LIMIT_BYTES = 8L * 1024 * 1024;

  /** Longest wait for the rest of a body after an early answer before the connection is closed. */
  public static final long DRAIN_LIMIT_MS = 10_000;

  private UnreadBodies() {
  }

  /**
   * Call after ending the response: drops the unread rest of the request body, if any.
   *
   * @param answered the completion of {@code response.end(...)}
   */
  public static void discard(Vertx vertx, HttpServerRequest request, Future<Void> answered) {
    if (request.isEnded()) {
      return;
    }
    Drain drain = new Drain(vertx, request, answered);
    request.exceptionHandler(e -> drain.close());
    request.endHandler(v -> vertx.cancelTimer(drain.timer));
    request.handler(drain::read);
    request.resume();
  }

  private static final class Drain {

    private final Vertx vertx;
    private final HttpServerRequest request;
    private final Future<Void> answered;
    private final long timer;
    private long drained;
    private boolean closing;

    Drain(Vertx vertx, HttpServerRequest request, Future<Void> answered) {
      this.vertx = vertx;
      this.request = request;
      this.answered = answered;
      this.timer = vertx.setTimer(DRAIN_LIMIT_MS, id -> close());
    }

    void read(Buffer chunk) {
      drained += chunk.length();
      if (drained > DRAIN_LIMIT_BYTES) {
        close();
      }
    }

    void close() {
      if (closing) {
        return;
      }
      closing = true;
      vertx.cancelTimer(timer);
      request.pause();
      answered.onComplete(done -> request.connection().close());
    }
  }
}
