package io.dailyflow.local.fuzz;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the last requests on each client connection went through (sent, body written, answered),
 * so that a request that gets no answer can be reported with what its connection carried before
 * it: the evidence for finding where it was lost.
 */
final class ConnectionLog {

  private static final int KEPT = 6;

  private final Map<String, Deque<Entry>> byConnection = new ConcurrentHashMap<>();

  /** Starts the entry of {@code request} on {@code connection}. */
  Entry log(String connection, FuzzRequest request) {
    Entry entry = new Entry(request.method() + " " + request.service() + " "
        + FuzzSender.abbreviate(request.uri()) + " [" + request.category() + "] body "
        + (request.body() == null ? "none" : request.body().length + " bytes"));
    Deque<Entry> entries = byConnection.computeIfAbsent(connection, c -> new ArrayDeque<>());
    synchronized (entries) {
      entries.addLast(entry);
      if (entries.size() > KEPT) {
        entries.removeFirst();
      }
    }
    return entry;
  }

  /** The connection's last requests, oldest first, with what happened to each. */
  String history(String connection) {
    Deque<Entry> entries = byConnection.get(connection);
    if (entries == null) {
      return "connection " + connection + ": nothing sent on it";
    }
    StringBuilder text = new StringBuilder("connection " + connection + ", last requests:");
    synchronized (entries) {
      entries.forEach(entry -> text.append(" | ").append(entry));
    }
    return text.toString();
  }

  /** One request on a connection and its events, in order. */
  static final class Entry {

    private final long started = System.nanoTime();
    private final StringBuilder events;

    Entry(String request) {
      this.events = new StringBuilder(request);
    }

    synchronized void event(String what) {
      events.append(", ").append(what).append(" at +")
          .append((System.nanoTime() - started) / 1_000_000).append(" ms");
    }

    @Override
    public synchronized String toString() {
      return events.toString();
    }
  }
}
