package io.dailyflow.bench;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Open-model, constant-arrival-rate HTTP/1.1 load generator (no coordinated omission).
 *
 * <p>Request {@code k} has an intended send time {@code start + k / rate}; its latency is measured
 * from that intended time to the end of the response body, whether or not a connection was free
 * when it became due. A server that stalls therefore shows its stall in every request that should
 * have been sent meanwhile, as a real client population would see it. As in wrk2, a connection
 * that is free sends the next due request; a request that is due while every connection is busy
 * waits for one (and that wait is in its latency). Requests are never pipelined.
 *
 * <p>{@code --warm-up N}: the first N seconds run at the same rate over the same connections
 * but are not measured, like wrk2's calibration period: the generator's own code gets compiled
 * and the server settles into the load before the figures start (without it the first second of
 * a run at tens of thousands of requests a second measured mostly the generator's warming up).
 * Their answers count in {@code warm_up_ok}, their failures as errors.
 *
 * <p>Bounded in time: after {@code --duration} seconds no new request is scheduled; what could
 * not even be sent by then plus {@code --timeout-ms} is counted as "not sent", and responses still
 * outstanding then as "timeout".
 *
 * <p>Cheap by design, because it shares the machine's cores with the server it measures: each of
 * {@code --loops} threads drives its share of the connections with one NIO selector, sends
 * requests encoded once per token, and parses only the status line and the framing headers of
 * the responses. A thread with nothing to read sleeps until the next request is due (in the
 * selector, or parked for less than a millisecond), so that wait, like any other generator delay,
 * is counted in the latency: the figures err on the pessimistic side.
 */
final class LoadGen {

  private static final Logger LOG = LoggerFactory.getLogger(LoadGen.class);

  private static final int WARM_UP_ROUNDS = 3;

  private LoadGen() {
  }

  static int run(Args args) throws Exception {
    Plan plan = Plan.of(args);
    int loops = (int) Math.max(1, args.number("loops", 1));
    CountDownLatch ready = new CountDownLatch(loops);
    CountDownLatch go = new CountDownLatch(1);
    List<Sender> senders = new ArrayList<>();
    for (int i = 0; i < loops; i++) {
      Sender sender = new Sender(plan, i, loops, ready, go);
      senders.add(sender);
      sender.start();
    }
    // Each sender opens its connections and warms them up (not measured).
    ready.await();
    for (Sender sender : senders) {
      if (sender.failure != null) {
        LOG.error("load generator could not connect/warm up: {}", sender.failure.toString());
        go.countDown();
        return 1;
      }
    }
    long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
    for (Sender sender : senders) {
      sender.startNanos = start;
    }
    go.countDown();
    for (Sender sender : senders) {
      sender.join();
    }
    long measuredFrom = start + plan.warmUpNanos();
    Output.line(Result.merge(plan, senders, measuredFrom).toJson().encode());
    String series = args.string("series", null);
    if (series != null) {
      long startEpochMs = System.currentTimeMillis()
          - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      writeSeries(Path.of(series), senders, startEpochMs, (int) plan.warmUpSeconds());
    }
    return 0;
  }

  /**
   * One line per second of intended send time: answers, answers slower than 10 ms, the slowest
   * (ms), and when that second began (epoch ms); the warm-up's seconds are numbered below 0.
   * Shows when a tail happened: at the start (warming up), in one stall, or throughout.
   */
  private static void writeSeries(Path file, List<Sender> senders, long startEpochMs,
      int warmUpSeconds) throws IOException {
    StringBuilder out = new StringBuilder("second\tanswers\tover_10ms\tmax_ms\tepoch_ms\n");
    int seconds = senders.get(0).perSecond.length;
    for (int s = 0; s < seconds; s++) {
      long answers = 0;
      long slow = 0;
      long max = 0;
      for (Sender sender : senders) {
        answers += sender.perSecond[s];
        slow += sender.slowPerSecond[s];
        max = Math.max(max, sender.maxPerSecond[s]);
      }
      if (answers > 0) {
        out.append(s - warmUpSeconds).append('\t').append(answers).append('\t').append(slow).append('\t')
            .append(max / 1000.0).append('\t').append(startEpochMs + s * 1000L).append('\n');
      }
    }
    Files.writeString(file, out);
  }

  /** What to send: one URL, one method, a rotation of tokens, an optional body. */
  record Plan(String label, URI url, String method, double rate, long durationSeconds,
      long warmUpSeconds, int connections, List<String> tokens, String body, int expect,
      long timeoutMs) {

    static Plan of(Args args) throws Exception {
      String tokensFile = args.string("tokens", null);
      List<String> tokens = tokensFile == null ? List.of()
          : Files.readAllLines(Path.of(tokensFile)).stream().filter(s -> !s.isBlank()).toList();
      return new Plan(args.string("label", "load"), URI.create(args.required("url")),
          args.string("method", "GET").toUpperCase(java.util.Locale.ROOT),
          args.decimal("rate", 100), args.number("duration", 10), args.number("warm-up", 0),
          (int) args.number("connections", 32), tokens, args.string("body", null),
          (int) args.number("expect", 200), args.number("timeout-ms", 5_000));
    }

    /** Requests measured. */
    long total() {
      return (long) (rate * durationSeconds);
    }

    /** Requests sent at the rate: the warm-up's, then the measured ones. */
    long scheduled() {
      return (long) (rate * (warmUpSeconds + durationSeconds));
    }

    long warmUpNanos() {
      return TimeUnit.SECONDS.toNanos(warmUpSeconds);
    }

    InetSocketAddress address() {
      int port = url.getPort() != -1 ? url.getPort() : 80;
      return new InetSocketAddress(url.getHost(), port);
    }

    /** The request bytes, one array per token (request k uses token k mod the count). */
    byte[][] requests() {
      String target = url.getRawPath() + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
      byte[] payload = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
      List<String> auth = tokens.isEmpty() ? java.util.Collections.singletonList(null) : tokens;
      byte[][] requests = new byte[auth.size()][];
      for (int i = 0; i < requests.length; i++) {
        StringBuilder head = new StringBuilder()
            .append(method).append(' ').append(target).append(" HTTP/1.1\r\n")
            .append("Host: ").append(url.getHost()).append(':').append(address().getPort())
            .append("\r\n");
        if (auth.get(i) != null) {
          head.append("Authorization: Bearer ").append(auth.get(i)).append("\r\n");
        }
        if (body != null) {
          head.append("Content-Type: application/json\r\nContent-Length: ")
              .append(payload.length).append("\r\n");
        }
        byte[] headBytes = head.append("\r\n").toString().getBytes(StandardCharsets.UTF_8);
        byte[] request = java.util.Arrays.copyOf(headBytes, headBytes.length + payload.length);
        System.arraycopy(payload, 0, request, headBytes.length, payload.length);
        requests[i] = request;
      }
      return requests;
    }
  }

  /**
   * One thread's share: requests k = index, index + loops, index + 2*loops, ... over
   * {@code connections / loops} connections, driven by one selector.
   */
  static final class Sender extends Thread {

    private final Plan plan;
    private final int index;
    private final int loops;
    private final CountDownLatch ready;
    private final CountDownLatch go;
    private final double intervalNanos;
    private final long total;
    private final ByteBuffer[] requests;
    private final ArrayDeque<Connection> free = new ArrayDeque<>();
    private Selector selector;
    volatile long startNanos;
    volatile Exception failure;
    final Histogram histogram = newHistogram();
    private final Histogram warmUpHistogram = newHistogram();
    final Map<String, Long> errors = new TreeMap<>();
    /** Per second of intended send time: answers, answers slower than 10 ms, slowest (µs). */
    final long[] perSecond;
    final long[] slowPerSecond;
    final long[] maxPerSecond;
    long ok;
    /** Warm-up requests answered as expected: a POST's warm-up creates releases too. */
    long warmUpOk;
    long lastCompletion;
    private long next;
    private int outstanding;
    private boolean measuring;

    Sender(Plan plan, int index, int loops, CountDownLatch ready, CountDownLatch go) {
      super("load-" + index);
      this.plan = plan;
      this.index = index;
      this.loops = loops;
      this.ready = ready;
      this.go = go;
      this.intervalNanos = 1e9 / plan.rate();
      this.total = plan.scheduled();
      this.requests = java.util.Arrays.stream(plan.requests())
          .map(bytes -> ByteBuffer.allocateDirect(bytes.length).put(bytes).flip())
          .toArray(ByteBuffer[]::new);
      this.next = index;
      int seconds = (int) (plan.warmUpSeconds() + plan.durationSeconds()
          + plan.timeoutMs() / 1000 + 2);
      this.perSecond = new long[seconds];
      this.slowPerSecond = new long[seconds];
      this.maxPerSecond = new long[seconds];
    }

    @Override
    public void run() {
      try {
        selector = Selector.open();
        try {
          openAndWarmUp();
        } catch (Exception e) {
          failure = e;
          return;
        } finally {
          ready.countDown();
        }
        go.await();
        measure();
        selector.close();
      } catch (Exception e) {
        errors.merge(e.getClass().getSimpleName(), 1L, Long::sum);
      }
    }

    private void openAndWarmUp() throws IOException {
      int count = Math.max(1, plan.connections() / loops);
      for (int i = 0; i < count; i++) {
        Connection connection = new Connection();
        SocketChannel channel = SocketChannel.open(plan.address());
        connection.attach(this, channel);
        free.add(connection);
      }
      long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(plan.timeoutMs()) * 3;
      long k = index;
      for (int round = 0; round < WARM_UP_ROUNDS; round++) {
        while (!free.isEmpty()) {
          send(free.poll(), k++, System.nanoTime());
        }
        while (outstanding > 0 || free.size() < count) {
          if (System.nanoTime() > deadline) {
            throw new IOException("no answer to the warm-up requests");
          }
          selector.select(100);
          handleReady();
        }
      }
      // Warm-up answers are not judged (as before): only the connections must be there.
      errors.clear();
    }

    private void measure() throws IOException {
      measuring = true;
      long start = startNanos;
      long sendUntil = start + plan.warmUpNanos()
          + TimeUnit.SECONDS.toNanos(plan.durationSeconds())
          + TimeUnit.MILLISECONDS.toNanos(plan.timeoutMs());
      long finishBy = Long.MAX_VALUE;
      while (true) {
        long now = System.nanoTime();
        if (next < total && now - sendUntil > 0) {
          // Bounded in time: what could not even be sent by now is an error, not a queue.
          long firstMeasured = plan.scheduled() - plan.total();
          long from = Math.max(next, firstMeasured + Math.floorMod(index - firstMeasured, loops));
          if (from < total) {
            errors.merge("not sent (no free connection)", (total - from + loops - 1) / loops,
                Long::sum);
          }
          next = total;
        }
        long due = sendDue(start, now);
        if (next >= total && finishBy == Long.MAX_VALUE) {
          finishBy = now + TimeUnit.MILLISECONDS.toNanos(plan.timeoutMs());
        }
        if (next >= total && (outstanding == 0 || now - finishBy >= 0)) {
          break;
        }
        long wake = next < total && !free.isEmpty() ? due : Math.min(finishBy, now + 1_000_000);
        await(wake - now);
        handleReady();
      }
      if (outstanding > 0) {
        errors.merge("timeout", (long) outstanding, Long::sum);
      }
    }

    /** Sends what is due while a connection is free; returns when the next request is due. */
    private long sendDue(long start, long now) throws IOException {
      while (!free.isEmpty() && next < total) {
        long intended = start + (long) (next * intervalNanos);
        if (intended - now > 0) {
          return intended;
        }
        send(free.poll(), next, intended);
        next += loops;
      }
      return now + 1_000_000;
    }

    /** Waits for readiness, at most {@code nanos}: in the selector, or parked below 1 ms. */
    private void await(long nanos) throws IOException {
      if (nanos >= 1_000_000) {
        selector.select(nanos / 1_000_000);
      } else if (selector.selectNow() == 0 && nanos > 0) {
        LockSupport.parkNanos(nanos);
        selector.selectNow();
      }
    }

    private void handleReady() {
      var keys = selector.selectedKeys();
      for (SelectionKey key : keys) {
        Connection connection = (Connection) key.attachment();
        connection.onReady(key);
      }
      keys.clear();
    }

    private void send(Connection connection, long k, long intended) {
      outstanding++;
      connection.send(requests[(int) Math.floorMod(k, (long) requests.length)].duplicate(),
          intended);
    }

    /** A response ended (or the connection failed while a request was outstanding). */
    void completed(Connection connection, int status, String failure) {
      long end = System.nanoTime();
      outstanding--;
      boolean good = failure == null && status == plan.expect();
      if (!good) {
        errors.merge(failure != null ? failure : "status " + status, 1L, Long::sum);
      }
      if (!measuring) {
        // The connections' own warm-up rounds.
        warmUpOk += good ? 1 : 0;
        return;
      }
      // The warm-up at the rate takes the same path as the measured requests (a histogram of
      // its own), so nothing gets compiled anew when the measured requests start.
      long micros = Math.max(1, (end - connection.intended) / 1_000);
      boolean measured = connection.intended - (startNanos + plan.warmUpNanos()) >= 0;
      (measured ? histogram : warmUpHistogram).recordValue(micros);
      int second = (int) Math.min(perSecond.length - 1,
          Math.max(0, (connection.intended - startNanos) / 1_000_000_000L));
      perSecond[second]++;
      slowPerSecond[second] += micros > 10_000 ? 1 : 0;
      maxPerSecond[second] = Math.max(maxPerSecond[second], micros);
      if (measured) {
        lastCompletion = Math.max(lastCompletion, end);
        ok += good ? 1 : 0;
      } else {
        warmUpOk += good ? 1 : 0;
      }
    }

    void freed(Connection connection) {
      free.add(connection);
    }

    /** An idle connection the server closed: never send on it. */
    void forget(Connection connection) {
      free.remove(connection);
    }

    /** Replaces a connection the server closed or that failed. */
    void reconnect() {
      try {
        SocketChannel channel = SocketChannel.open();
        channel.configureBlocking(false);
        Connection connection = new Connection();
        connection.sender = this;
        connection.channel = channel;
        if (channel.connect(plan.address())) {
          connection.attach(this, channel);
          free.add(connection);
        } else {
          connection.connecting(channel.register(selector, SelectionKey.OP_CONNECT, connection));
        }
      } catch (IOException e) {
        errors.merge("reconnect " + e.getClass().getSimpleName(), 1L, Long::sum);
      }
    }

    Selector selector() {
      return selector;
    }
  }

  /** One keep-alive connection: the request it is sending and the response it is reading. */
  static final class Connection {

    private static final int HEAD_LIMIT = 16 * 1024;

    Sender sender;
    SocketChannel channel;
    private SelectionKey key;
    private ByteBuffer out;
    private final ByteBuffer in = ByteBuffer.allocateDirect(HEAD_LIMIT);
    private final Response response = new Response();
    long intended;
    private boolean busy;

    void attach(Sender owner, SocketChannel socket) throws IOException {
      sender = owner;
      channel = socket;
      channel.configureBlocking(false);
      channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
      key = channel.register(owner.selector(), SelectionKey.OP_READ, this);
    }

    void connecting(SelectionKey pending) {
      key = pending;
    }

    void send(ByteBuffer request, long intendedNanos) {
      intended = intendedNanos;
      busy = true;
      response.reset();
      out = request;
      try {
        channel.write(out);
        if (out.hasRemaining()) {
          key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
        }
      } catch (IOException e) {
        fail(e);
      }
    }

    void onReady(SelectionKey ready) {
      try {
        if (!ready.isValid()) {
          return;
        }
        if (ready.isConnectable()) {
          if (channel.finishConnect()) {
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            key.interestOps(SelectionKey.OP_READ);
            sender.freed(this);
          }
          return;
        }
        if (ready.isWritable()) {
          channel.write(out);
          if (!out.hasRemaining()) {
            key.interestOps(SelectionKey.OP_READ);
          }
        }
        if (ready.isReadable()) {
          read();
        }
      } catch (IOException | RuntimeException e) {
        fail(e);
      }
    }

    private void read() throws IOException {
      int n = channel.read(in);
      if (n < 0) {
        throw new IOException("connection closed by the server");
      }
      in.flip();
      while (in.hasRemaining() && busy) {
        if (!response.consume(in)) {
          break;
        }
        busy = false;
        boolean close = response.close;
        sender.completed(this, response.status, null);
        if (close) {
          closeAndReplace();
          return;
        }
        sender.freed(this);
      }
      if (!busy && in.hasRemaining()) {
        throw new IOException("bytes received with no request outstanding");
      }
      in.compact();
      if (!in.hasRemaining()) {
        throw new IOException("response head larger than " + HEAD_LIMIT + " bytes");
      }
    }

    private void fail(Exception e) {
      if (busy) {
        busy = false;
        sender.completed(this, 0, e.getClass().getSimpleName());
      } else {
        sender.forget(this);
      }
      closeAndReplace();
    }

    private void closeAndReplace() {
      try {
        channel.close();
      } catch (IOException ignored) {
        // Closing a failed connection: nothing more to do.
      }
      sender.reconnect();
    }
  }

  /**
   * Incremental HTTP/1.1 response reader: status line, headers (Content-Length,
   * Transfer-Encoding: chunked, Connection: close), then a body it skips.
   */
  static final class Response {

    private enum State { HEAD, BODY, CHUNK_SIZE, CHUNK_DATA, CHUNK_END, TRAILERS }

    private State state;
    int status;
    boolean close;
    private long remaining;
    private boolean chunked;

    void reset() {
      state = State.HEAD;
      status = 0;
      close = false;
      remaining = 0;
      chunked = false;
    }

    /** Consumes bytes of {@code in}; true when the response has ended. */
    boolean consume(ByteBuffer in) throws IOException {
      while (true) {
        switch (state) {
          case HEAD -> {
            int end = indexOf(in, "\r\n\r\n");
            if (end < 0) {
              return false;
            }
            head(in, end);
            state = chunked ? State.CHUNK_SIZE : State.BODY;
          }
          case BODY -> {
            int skip = (int) Math.min(remaining, in.remaining());
            in.position(in.position() + skip);
            remaining -= skip;
            return remaining == 0;
          }
          case CHUNK_SIZE -> {
            int end = indexOf(in, "\r\n");
            if (end < 0) {
              return false;
            }
            int digits = in.position();
            while (digits < end && in.get(digits) == ' ') {
              digits++;
            }
            remaining = number(in, digits, end, 16);
            in.position(end + 2);
            state = remaining == 0 ? State.TRAILERS : State.CHUNK_DATA;
          }
          case CHUNK_DATA -> {
            int skip = (int) Math.min(remaining, in.remaining());
            in.position(in.position() + skip);
            remaining -= skip;
            if (remaining > 0) {
              return false;
            }
            state = State.CHUNK_END;
          }
          case CHUNK_END -> {
            if (in.remaining() < 2) {
              return false;
            }
            in.position(in.position() + 2);
            state = State.CHUNK_SIZE;
          }
          case TRAILERS -> {
            int end = indexOf(in, "\r\n");
            if (end < 0) {
              return false;
            }
            boolean last = end == in.position();
            in.position(end + 2);
            if (last) {
              return true;
            }
          }
          default -> throw new IllegalStateException(state.toString());
        }
      }
    }

    /** Reads the status line and framing headers of the head in [position, end), in place. */
    private void head(ByteBuffer in, int end) throws IOException {
      int from = in.position();
      if (end - from < 12 || !startsWith(in, from, "HTTP/1.")) {
        throw new IOException("not an HTTP/1.x response");
      }
      boolean http10 = in.get(from + 7) == '0';
      status = (int) number(in, from + 9, from + 12, 10);
      close = http10;
      remaining = -1;
      int line = indexOf(in, from, end, "\r\n");
      while (line >= 0 && line < end) {
        int start = line + 2;
        int next = indexOf(in, start, end, "\r\n");
        int stop = next < 0 ? end : next;
        int colon = indexOf(in, start, stop, ":");
        if (colon > 0) {
          int value = colon + 1;
          while (value < stop && in.get(value) == ' ') {
            value++;
          }
          if (isName(in, start, colon, "content-length")) {
            remaining = number(in, value, stop, 10);
          } else if (isName(in, start, colon, "transfer-encoding")) {
            chunked = contains(in, value, stop, "chunked");
          } else if (isName(in, start, colon, "connection")) {
            close = contains(in, value, stop, "close") || (http10 && !contains(in, value, stop,
                "keep-alive"));
          }
        }
        line = next;
      }
      in.position(end + 4);
      if (remaining < 0 && !chunked) {
        if (status / 100 != 1 && status != 204 && status != 304) {
          throw new IOException("response without Content-Length or chunked body");
        }
        remaining = 0;
      }
    }

    private static boolean startsWith(ByteBuffer in, int at, String text) {
      for (int i = 0; i < text.length(); i++) {
        if (in.get(at + i) != text.charAt(i)) {
          return false;
        }
      }
      return true;
    }

    private static boolean isName(ByteBuffer in, int from, int to, String lowerCase) {
      if (to - from != lowerCase.length()) {
        return false;
      }
      for (int i = 0; i < lowerCase.length(); i++) {
        if (Character.toLowerCase((char) in.get(from + i)) != lowerCase.charAt(i)) {
          return false;
        }
      }
      return true;
    }

    private static boolean contains(ByteBuffer in, int from, int to, String lowerCase) {
      for (int i = from; i + lowerCase.length() <= to; i++) {
        if (isName(in, i, i + lowerCase.length(), lowerCase)) {
          return true;
        }
      }
      return false;
    }

    /** A non-negative number in {@code radix} from [from, to), ignoring trailing spaces. */
    private static long number(ByteBuffer in, int from, int to, int radix) throws IOException {
      long value = 0;
      int digits = 0;
      for (int i = from; i < to; i++) {
        int digit = Character.digit((char) in.get(i), radix);
        if (digit < 0) {
          if (in.get(i) == ' ' || in.get(i) == ';' || in.get(i) == '\t') {
            break;
          }
          throw new IOException("not a number in the response head");
        }
        value = value * radix + digit;
        digits++;
      }
      if (digits == 0) {
        throw new IOException("not a number in the response head");
      }
      return value;
    }

    private static int indexOf(ByteBuffer in, String marker) {
      return indexOf(in, in.position(), in.limit(), marker);
    }

    private static int indexOf(ByteBuffer in, int from, int to, String marker) {
      int last = to - marker.length();
      for (int i = from; i <= last; i++) {
        int j = 0;
        while (j < marker.length() && in.get(i + j) == marker.charAt(j)) {
          j++;
        }
        if (j == marker.length()) {
          return i;
        }
      }
      return -1;
    }
  }

  /** Latencies in µs, 3 significant digits, growing past a minute if it must. */
  static Histogram newHistogram() {
    Histogram histogram = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
    histogram.setAutoResize(true);
    return histogram;
  }

  /** The merged figures of all senders. */
  record Result(Plan plan, long sent, long ok, long warmUpOk, Map<String, Long> errors,
      Histogram histogram, double seconds) {

    static Result merge(Plan plan, List<Sender> senders, long start) {
      Histogram all = newHistogram();
      Map<String, Long> errors = new TreeMap<>();
      long ok = 0;
      long warmUpOk = 0;
      long last = start;
      for (Sender sender : senders) {
        all.add(sender.histogram);
        ok += sender.ok;
        warmUpOk += sender.warmUpOk;
        last = Math.max(last, sender.lastCompletion);
        sender.errors.forEach((k, v) -> errors.merge(k, v, Long::sum));
      }
      double seconds = Math.max(plan.durationSeconds(), (last - start) / 1e9);
      return new Result(plan, plan.total(), ok, warmUpOk, errors, all, seconds);
    }

    JsonObject toJson() {
      long errorCount = errors.values().stream().mapToLong(Long::longValue).sum();
      return new JsonObject()
          .put("label", plan.label())
          .put("url", plan.url().toString())
          .put("method", plan.method())
          .put("target_rps", plan.rate())
          .put("duration_s", plan.durationSeconds())
          .put("warm_up_s", plan.warmUpSeconds())
          .put("connections", plan.connections())
          .put("sent", sent)
          .put("ok", ok)
          .put("warm_up_ok", warmUpOk)
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
