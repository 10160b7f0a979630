package io.dailyflow.local.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The tally of a fuzz run: how many requests were sent per category, the status histogram, and
 * every contract violation (the first few hundred kept verbatim, all of them counted).
 */
final class FuzzReport {

  private static final int KEPT = 200;

  private final Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> categories = new ConcurrentHashMap<>();
  private final ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
  private final AtomicInteger violationCount = new AtomicInteger();
  private final LongAdder sent = new LongAdder();
  private final LongAdder retried = new LongAdder();
  private final ConcurrentLinkedQueue<String> retriedSamples = new ConcurrentLinkedQueue<>();

  void sent(FuzzRequest request) {
    sent.increment();
    categories.computeIfAbsent(request.category(), c -> new LongAdder()).increment();
  }

  /** A request whose connection the server closed before answering, sent again once. */
  void retried(FuzzRequest request, Throwable cause) {
    retried.increment();
    if (retried.sum() <= 20) {
      retriedSamples.add(cause + " <- " + request.describe());
    }
  }

  long retried() {
    return retried.sum();
  }

  List<String> retriedSamples() {
    return new ArrayList<>(retriedSamples);
  }

  void status(int status) {
    statuses.computeIfAbsent(status, s -> new LongAdder()).increment();
  }

  void violation(FuzzRequest request, String what) {
    if (violationCount.incrementAndGet() <= KEPT) {
      violations.add(what + " <- " + request.describe());
    }
  }

  long sent() {
    return sent.sum();
  }

  int violationCount() {
    return violationCount.get();
  }

  List<String> violations() {
    return new ArrayList<>(violations);
  }

  Map<Integer, Long> histogram() {
    Map<Integer, Long> sorted = new TreeMap<>();
    statuses.forEach((status, count) -> sorted.put(status, count.sum()));
    return sorted;
  }

  long count(int status) {
    LongAdder adder = statuses.get(status);
    return adder == null ? 0 : adder.sum();
  }

  String summary(String name, long seed) {
    Map<String, Long> perCategory = new TreeMap<>();
    categories.forEach((category, count) -> perCategory.put(category, count.sum()));
    return name + " seed=" + seed + " sent=" + sent() + " statuses=" + histogram()
        + " categories=" + perCategory + " retriedAfterClose=" + retried()
        + " violations=" + violationCount();
  }
}
