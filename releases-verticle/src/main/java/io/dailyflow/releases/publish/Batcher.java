package io.dailyflow.releases.publish;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * When the publisher's releases go out, and with which others. Used on one event loop only.
 *
 * <ul>
 *   <li>A batch gathers for {@code windowMs} from its first item, then is sent;</li>
 *   <li>unless a send is still in flight then: it keeps gathering until that send is answered,
 *       but is sent at the latest {@code maxWaitMs} after its first item. An idle publisher
 *       sends at once; a busy one packs more per request the slower the queue answers, which is
 *       what the queue's per-message cost needs (ADR 0007);</li>
 *   <li>a batch that reaches {@code maxItems} items, or would pass {@code maxBytes}, goes at
 *       once, sends in flight or not.</li>
 * </ul>
 */
final class Batcher<T> {

  private final Vertx vertx;
  private final long windowMs;
  private final long maxWaitMs;
  private final int maxItems;
  private final int maxBytes;
  private final ToIntFunction<T> bytes;
  private final Function<List<T>, Future<Void>> send;
  private final Set<Future<Void>> inFlight = new HashSet<>();
  private List<T> pending = new ArrayList<>();
  private int pendingBytes;
  private long timer = -1;
  /** The window ended with a send in flight: its answer (or the max wait) sends the batch. */
  private boolean held;

  /**
   * @param send sends one batch; its future completes when the queue answered (or gave up)
   */
  Batcher(Vertx vertx, long windowMs, long maxWaitMs, int maxItems, int maxBytes,
      ToIntFunction<T> bytes, Function<List<T>, Future<Void>> send) {
    this.vertx = vertx;
    this.windowMs = windowMs;
    this.maxWaitMs = Math.max(windowMs, maxWaitMs);
    this.maxItems = maxItems;
    this.maxBytes = maxBytes;
    this.bytes = bytes;
    this.send = send;
  }

  void add(T item) {
    int size = bytes.applyAsInt(item);
    if (pendingBytes + size > maxBytes) {
      flush();
    }
    pending.add(item);
    pendingBytes += size;
    if (pending.size() >= maxItems) {
      flush();
    } else if (timer < 0) {
      timer = vertx.setTimer(windowMs, id -> {
        timer = -1;
        windowEnded();
      });
    }
  }

  /**
   * Sends what is pending now; completes (never fails: each send answers its own releases) once
   * every send in flight is answered.
   */
  Future<Void> drain() {
    flush();
    return Future.join(new ArrayList<>(inFlight)).<Void>mapEmpty().otherwiseEmpty();
  }

  private void windowEnded() {
    if (inFlight.isEmpty() || maxWaitMs == windowMs) {
      flush();
      return;
    }
    held = true;
    timer = vertx.setTimer(maxWaitMs - windowMs, id -> {
      timer = -1;
      flush();
    });
  }

  private void flush() {
    held = false;
    if (timer >= 0) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
    if (pending.isEmpty()) {
      return;
    }
    List<T> batch = pending;
    pending = new ArrayList<>();
    pendingBytes = 0;
    Future<Void> sent = send.apply(batch);
    inFlight.add(sent);
    sent.onComplete(ignored -> {
      inFlight.remove(sent);
      if (held) {
        flush();
      }
    });
  }
}
