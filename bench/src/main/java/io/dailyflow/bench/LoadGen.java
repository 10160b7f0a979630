package io.dailyflow.bench;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientConnection;
import io.vertx.core.http.HttpConnectOptions;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * Open-model, constant-arrival-rate HTTP load generator (no coordinated omission).
 *
 * <p>Request {@code k} has an intended send time {@code start + k / rate}; its latency is measured
 * from that intended time to the end of the response body, whether or not a connection was free
 * when it became due. A server that stalls therefore shows its stall in every request that should
 * have been sent meanwhile, as a real client population would see it. Sends are issued from a 1 ms
 * timer (every request that became due since the last tick), so the figures include up to 1 ms of
 * generator scheduling delay: they err on the pessimistic side.
 *
 * <p>Bounded in time: after {@code --duration} seconds no new request is scheduled; responses still
 * outstanding {@code --timeout-ms} later count as errors ("timeout").
 */
final class LoadGen {

  private LoadGen() {
  }

  static int run(Args args) throws Exception {
    Plan plan = Plan.of(args);
    int loops = (int) args.number("loops", 1);
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(loops));
    List<Sender> senders = new ArrayList<>();
    List<Future<String>> deployed = new ArrayList<>();
    for (int i = 0; i < loops; i++) {
      Sender sender = new Sender(plan, i, loops);
      senders.add(sender);
      deployed.add(vertx.deployVerticle(sender, new DeploymentOptions()));
    }
    // Deployment opens every connection and warms the client up (not measured).
    try {
      Future.all(deployed).await();
    } catch (RuntimeException e) {
      System.err.println("load generator could not connect/warm up: " + e);
      vertx.close().await();
      return 1;
    }
    long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
    for (Sender sender : senders) {
      sender.go(start);
    }
    for (Sender sender : senders) {
      sender.done.future().await();
    }
    Result result = Result.merge(plan, senders, start);
    vertx.close().await();
    // A command-line tool's own output (JSON lines that bench/run.sh parses), not logging.
    System.out.println(result.toJson().encode());
    return 0;
  }

  /** What to send: one URL, one method, a rotation of tokens, an optional body. */
  record Plan(String label, URI url, HttpMethod method, double rate, long durationSeconds,
      int connections, List<String> tokens, Buffer body, int expect, long timeoutMs) {

    static Plan of(Args args) throws Exception {
      String tokensFile = args.string("tokens", null);
      List<String> tokens = tokensFile == null ? List.of()
          : Files.readAllLines(Path.of(tokensFile)).stream().filter(s -> !s.isBlank()).toList();
      String body = args.string("body", null);
      return new Plan(args.string("label", "load"), URI.create(args.required("url")),
          HttpMethod.valueOf(args.string("method", "GET")), args.decimal("rate", 100),
          args.number("duration", 10), (int) args.number("connections", 32), tokens,
          body == null ? null : Buffer.buffer(body), (int) args.number("expect", 200),
          args.number("timeout-ms", 5_000));
    }

    long total() {
      return (long) (rate * durationSeconds);
    }
  }

  /**
   * One event loop's share: requests k = index, index + loops, index + 2*loops, ... over
   * {@code connections / loops} connections. As in wrk2, a connection that is free sends the next
   * request once it is due; a request that is due while every connection is busy waits (in this
   * counter, not in the client's pool queue) and its wait counts in its latency, because latency
   * is always taken from the intended send time.
   */
  static final class Sender extends VerticleBase {

    private final Plan plan;
    private final int index;
    private final int loops;
    private long start;
    private final double intervalNanos;
    final Histogram histogram = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
    final Map<String, Long> errors = new TreeMap<>();
    final Promise<Void> done = Promise.promise();
    long ok;
    long lastCompletion;
    private long next;
    private int idle;
    private final java.util.ArrayDeque<HttpClientConnection> free = new java.util.ArrayDeque<>();
    private HttpConnectOptions connectOptions;
    private int outstanding;
    private boolean scheduleOver;
    private long timer;
    private HttpClientAgent client;
    private RequestOptions options;

    Sender(Plan plan, int index, int loops) {
      this.plan = plan;
      this.index = index;
      this.loops = loops;
      this.intervalNanos = 1e9 / plan.rate();
      this.next = index;
    }

    @Override
    public Future<?> start() {
      histogram.setAutoResize(true);
      idle = Math.max(1, plan.connections() / loops);
      client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true)
              .setTcpNoDelay(true).setMaxRedirects(0),
          new PoolOptions().setHttp1MaxSize(idle).setMaxWaitQueueSize(-1));
      URI url = plan.url();
      options = new RequestOptions().setMethod(plan.method()).setHost(url.getHost())
          .setPort(url.getPort()).setURI(url.getRawPath()
              + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery()))
          .setConnectTimeout(plan.timeoutMs());
      if (plan.body() != null) {
        options.putHeader("Content-Type", "application/json");
      }
      connectOptions = new HttpConnectOptions().setHost(url.getHost()).setPort(url.getPort())
          .setConnectTimeout(plan.timeoutMs());
      // One connection per slot, used directly (no pool in the request path): a free slot sends
      // the next due request on its own connection.
      List<Future<HttpClientConnection>> opened = new ArrayList<>();
      for (int i = 0; i < idle; i++) {
        opened.add(client.connect(connectOptions).onSuccess(free::add));
      }
      return Future.all(opened).compose(v -> warmUp(3));
    }

    /** Rounds of one concurrent request per connection: opens the pool, loads the classes. */
    private Future<Void> warmUp(int rounds) {
      if (rounds == 0) {
        return Future.succeededFuture();
      }
      List<Future<Integer>> all = new ArrayList<>();
      int i = 0;
      for (HttpClientConnection connection : free) {
        RequestOptions request = new RequestOptions(options);
        if (!plan.tokens().isEmpty()) {
          request.putHeader("Authorization", "Bearer " + plan.tokens().get(i++ % plan.tokens().size()));
        }
        all.add(connection.request(request)
            .compose(req -> plan.body() == null || plan.method() != HttpMethod.GET
                ? req.send() : req.send(plan.body()))
            .compose(resp -> resp.body().map(b -> resp.statusCode())));
      }
      return Future.join(all).otherwiseEmpty().compose(v -> warmUp(rounds - 1)).mapEmpty();
    }

    /** Starts the schedule at {@code startNanos} (from any thread). */
    void go(long startNanos) {
      context.runOnContext(v -> {
        start = startNanos;
        timer = vertx.setPeriodic(1, id -> pump());
      });
    }

    /** Sends every due request for which a connection is free; ends the schedule at its end. */
    private void pump() {
      long now = System.nanoTime();
      long total = plan.total();
      if (!scheduleOver && next < total && now - start > TimeUnit.SECONDS.toNanos(
          plan.durationSeconds()) + TimeUnit.MILLISECONDS.toNanos(plan.timeoutMs())) {
        // Bounded in time: what could not even be sent by now is an error, not a queue.
        long unsent = (total - next + loops - 1) / loops;
        errors.merge("not sent (no free connection)", unsent, Long::sum);
        next = total;
      }
      while (!free.isEmpty() && next < total) {
        long intended = start + (long) (next * intervalNanos);
        if (intended > now) {
          return;
        }
        send(next, intended);
        next += loops;
      }
      if (next >= total && !scheduleOver) {
        scheduleOver = true;
        vertx.cancelTimer(timer);
        vertx.setTimer(plan.timeoutMs(), id -> finish());
        checkDone();
      }
    }

    private void send(long k, long intended) {
      HttpClientConnection connection = free.poll();
      outstanding++;
      RequestOptions request = new RequestOptions(options);
      if (!plan.tokens().isEmpty()) {
        request.putHeader("Authorization",
            "Bearer " + plan.tokens().get((int) (k % plan.tokens().size())));
      }
      connection.request(request)
          .compose(req -> plan.body() == null ? req.send() : req.send(plan.body()))
          .compose(resp -> resp.body().map(b -> resp.statusCode()))
          .onComplete(ar -> {
            long end = System.nanoTime();
            outstanding--;
            if (ar.succeeded()) {
              free.add(connection);
            } else {
              // The connection may be gone: replace it.
              connection.close();
              client.connect(connectOptions).onSuccess(c -> {
                free.add(c);
                pump();
              });
            }
            if (done.future().isComplete()) {
              return;
            }
            histogram.recordValue(Math.max(1, (end - intended) / 1_000));
            lastCompletion = Math.max(lastCompletion, end);
            if (ar.succeeded() && ar.result() == plan.expect()) {
              ok++;
            } else {
              String key = ar.succeeded() ? "status " + ar.result()
                  : ar.cause().getClass().getSimpleName();
              errors.merge(key, 1L, Long::sum);
            }
            pump();
            checkDone();
          });
    }

    private void checkDone() {
      if (scheduleOver && outstanding == 0) {
        finish();
      }
    }

    private void finish() {
      if (outstanding > 0) {
        errors.merge("timeout", (long) outstanding, Long::sum);
      }
      done.tryComplete();
    }
  }

  /** The merged figures of all senders. */
  record Result(Plan plan, long sent, long ok, Map<String, Long> errors, Histogram histogram,
      double seconds) {

    static Result merge(Plan plan, List<Sender> senders, long start) {
      Histogram all = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
      all.setAutoResize(true);
      Map<String, Long> errors = new TreeMap<>();
      long ok = 0;
      long last = start;
      for (Sender sender : senders) {
        all.add(sender.histogram);
        ok += sender.ok;
        last = Math.max(last, sender.lastCompletion);
        sender.errors.forEach((k, v) -> errors.merge(k, v, Long::sum));
      }
      double seconds = Math.max(plan.durationSeconds(), (last - start) / 1e9);
      return new Result(plan, plan.total(), ok, errors, all, seconds);
    }

    JsonObject toJson() {
      long errorCount = errors.values().stream().mapToLong(Long::longValue).sum();
      return new JsonObject()
          .put("label", plan.label())
          .put("url", plan.url().toString())
          .put("method", plan.method().name())
          .put("target_rps", plan.rate())
          .put("duration_s", plan.durationSeconds())
          .put("connections", plan.connections())
          .put("sent", sent)
          .put("ok", ok)
          .put("errors", errorCount)
          .put("error_detail", new JsonObject(new TreeMap<>(errors)))
          .put("achieved_rps", Math.round(ok / seconds))
          .put("p50_ms", ms(histogram.getValueAtPercentile(50)))
          .put("p99_ms", ms(histogram.getValueAtPercentile(99)))
          .put("p999_ms", ms(histogram.getValueAtPercentile(99.9)))
          .put("max_ms", ms(histogram.getMaxValue()));
    }

    private static double ms(long micros) {
      return Math.round(micros / 10.0) / 100.0;
    }
  }
}
