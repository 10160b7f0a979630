package io.dailyflow.common.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.spi.metrics.HttpServerMetrics;
import io.vertx.core.spi.observability.HttpRequest;
import io.vertx.core.spi.observability.HttpResponse;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MetricsNaming;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;

/**
 * The HTTP server's request meters, as vertx-micrometer-metrics names and tags them ({@code
 * vertx_http_server_requests_total{code,method,route}}, {@code _response_time_seconds}, {@code
 * _request_bytes{method}}, {@code _response_bytes}, {@code _active_requests{method}}, {@code
 * _request_resets_total{method}}), but each meter looked up once per (method, route, status)
 * and kept: vertx-micrometer-metrics 5.0 builds tags and looks up five meters in the registry on
 * every request, which was a sixth of the CPU of a cached report read (issue 6). Connection
 * metrics (open connections, bytes) stay with the Vert.x implementation this wraps.
 *
 * <p>Only the labels {@code method}, {@code route} and {@code code} are supported: the ones
 * {@code ServiceLauncher} enables ({@code local}, {@code remote} and {@code path} would make the
 * series per client or per URI). A method outside HTTP's known ones is tagged {@value #OTHER}, so a
 * client inventing methods cannot create series (and meters kept here) without bound.
 */
final class HttpServerMeters implements HttpServerMetrics<HttpServerMeters.Request, Object, Object> {

  private static final String METHOD = Label.HTTP_METHOD.toString();
  private static final String ROUTE = Label.HTTP_ROUTE.toString();
  private static final String CODE = Label.HTTP_CODE.toString();
  static final String OTHER = "other";
  private static final Set<String> KNOWN_METHODS = HttpMethod.values().stream()
      .map(HttpMethod::name).collect(Collectors.toUnmodifiableSet());

  /** Per registry, like the registry's own meters: several Vert.x instances may share one. */
  private static final Map<MeterRegistry, Shared> SHARED = new ConcurrentHashMap<>();

  private final HttpServerMetrics<Object, Object, Object> connections;
  private final Shared meters;

  @SuppressWarnings("unchecked")
  HttpServerMeters(HttpServerMetrics<?, ?, ?> connections, MeterRegistry registry,
      MetricsNaming names) {
    this.connections = (HttpServerMetrics<Object, Object, Object>) connections;
    this.meters = SHARED.computeIfAbsent(registry, r -> new Shared(r, names));
  }

  /**
   * One connection: the Vert.x implementation's own metric for it, and its requests still
   * active. Vert.x calls back on the connection's event loop.
   */
  static final class Connection {
    private final Object delegate;
    private final List<Request> active = new ArrayList<>(1);

    private Connection(Object delegate) {
      this.delegate = delegate;
    }
  }

  /** One request's state, on its connection's event loop. */
  static final class Request {
    private final String method;
    private final LongAdder active;
    private final Connection connection;
    private final long startNanos;
    private String route;
    private boolean requestEnded;
    private boolean responseEnded;
    private boolean reset;
    private boolean done;

    private Request(String method, LongAdder active, Connection connection) {
      this.method = method;
      this.active = active;
      this.connection = connection;
      this.startNanos = System.nanoTime();
      active.increment();
      if (connection != null) {
        connection.active.add(this);
      }
    }

    /** Vert.x Web reports each route that handled the request; several are joined by '>'. */
    private void routed(String path) {
      if (path != null) {
        route = route == null ? path : route + '>' + path;
      }
    }

    /**
     * No longer active: both sides ended, it was reset, or its connection closed. Once only,
     * whatever the order and repetition of Vert.x's calls (a reset can be reported twice, and a
     * request whose answer went out before its body was read may never end).
     */
    private void finish() {
      if (!done) {
        done = true;
        active.decrement();
        if (connection != null) {
          connection.active.remove(this);
        }
      }
    }
  }

  @Override
  public Request requestBegin(Object socket, HttpRequest request) {
    String method = tagOf(request.method());
    return new Request(method, meters.active(method), connectionOf(socket));
  }

  @Override
  public void requestRouted(Request request, String route) {
    request.routed(route);
  }

  @Override
  public void requestEnd(Request request, HttpRequest ignored, long bytesRead) {
    meters.requestBytes(request.method).record(bytesRead);
    request.requestEnded = true;
    if (request.responseEnded) {
      request.finish();
    }
  }

  @Override
  public void requestReset(Request request) {
    if (request.reset) {
      return;
    }
    request.reset = true;
    request.finish();
    meters.resets(request.method).increment();
  }

  @Override
  public Request responsePushed(Object socket, HttpMethod method, String uri,
      HttpResponse response) {
    String tag = tagOf(method);
    return new Request(tag, meters.active(tag), connectionOf(socket));
  }

  private static String tagOf(HttpMethod method) {
    String name = method.name();
    return KNOWN_METHODS.contains(name) ? name : OTHER;
  }

  @Override
  public void responseEnd(Request request, HttpResponse response, long bytesWritten) {
    Answered answered = meters.answered(request.method,
        request.route == null ? "" : request.route, response.statusCode());
    answered.requests.increment();
    answered.time.record(System.nanoTime() - request.startNanos, TimeUnit.NANOSECONDS);
    answered.bytes.record(bytesWritten);
    request.responseEnded = true;
    if (request.requestEnded) {
      request.finish();
    }
  }

  @Override
  public Object connected(Object socket, Request request, ServerWebSocket webSocket) {
    return connections.connected(delegateOf(socket), null, webSocket);
  }

  @Override
  public void disconnected(Object webSocket) {
    connections.disconnected(webSocket);
  }

  @Override
  public Object connected(SocketAddress remoteAddress, String remoteName) {
    return new Connection(connections.connected(remoteAddress, remoteName));
  }

  /** Requests still active when their connection closes are over. */
  @Override
  public void disconnected(Object socket, SocketAddress remoteAddress) {
    Connection connection = connectionOf(socket);
    if (connection != null) {
      List.copyOf(connection.active).forEach(Request::finish);
    }
    connections.disconnected(delegateOf(socket), remoteAddress);
  }

  @Override
  public void bytesRead(Object socket, SocketAddress remoteAddress, long bytes) {
    connections.bytesRead(delegateOf(socket), remoteAddress, bytes);
  }

  @Override
  public void bytesWritten(Object socket, SocketAddress remoteAddress, long bytes) {
    connections.bytesWritten(delegateOf(socket), remoteAddress, bytes);
  }

  @Override
  public void exceptionOccurred(Object socket, SocketAddress remoteAddress, Throwable t) {
    connections.exceptionOccurred(delegateOf(socket), remoteAddress, t);
  }

  private static Connection connectionOf(Object socket) {
    return socket instanceof Connection connection ? connection : null;
  }

  private static Object delegateOf(Object socket) {
    return socket instanceof Connection connection ? connection.delegate : socket;
  }

  @Override
  public void close() {
    connections.close();
  }

  /** The meters of one (method, route, status). */
  private record Answered(Counter requests, Timer time, DistributionSummary bytes) {
  }

  private record Key(String method, String route, int code) {
  }

  /** The registry's meters, each built on first use and then found by a map lookup. */
  private static final class Shared {
    private final MeterRegistry registry;
    private final MetricsNaming names;
    private final Map<String, LongAdder> active = new ConcurrentHashMap<>();
    private final Map<Key, Answered> answered = new ConcurrentHashMap<>();
    private final Map<String, DistributionSummary> requestBytes = new ConcurrentHashMap<>();
    private final Map<String, Counter> resets = new ConcurrentHashMap<>();

    Shared(MeterRegistry registry, MetricsNaming names) {
      this.registry = registry;
      this.names = names;
    }

    /** Requests of {@code method} in progress. */
    LongAdder active(String method) {
      LongAdder found = active.get(method);
      return found != null ? found : active.computeIfAbsent(method, m -> {
        LongAdder requests = new LongAdder();
        Gauge.builder(names.getHttpActiveRequests(), requests, LongAdder::doubleValue)
            .description("Number of requests being processed")
            .tags(METHOD, m)
            .register(registry);
        return requests;
      });
    }

    Answered answered(String method, String route, int code) {
      Key key = new Key(method, route, code);
      Answered found = answered.get(key);
      return found != null ? found : answered.computeIfAbsent(key, this::register);
    }

    private Answered register(Key key) {
      String code = String.valueOf(key.code());
      return new Answered(
          Counter.builder(names.getHttpRequestsCount())
              .description("Number of processed requests")
              .tags(METHOD, key.method(), ROUTE, key.route(), CODE, code)
              .register(registry),
          Timer.builder(names.getHttpResponseTime())
              .description("Request processing time")
              .tags(METHOD, key.method(), ROUTE, key.route(), CODE, code)
              .register(registry),
          DistributionSummary.builder(names.getHttpResponseBytes())
              .description("Size of responses in bytes")
              .tags(METHOD, key.method(), ROUTE, key.route(), CODE, code)
              .register(registry));
    }

    DistributionSummary requestBytes(String method) {
      DistributionSummary found = requestBytes.get(method);
      return found != null ? found : requestBytes.computeIfAbsent(method,
          m -> DistributionSummary.builder(names.getHttpRequestBytes())
              .description("Size of requests in bytes")
              .tags(METHOD, m)
              .register(registry));
    }

    Counter resets(String method) {
      return resets.computeIfAbsent(method,
          m -> Counter.builder(names.getHttpRequestResetsCount())
              .description("Number of request resets")
              .tags(METHOD, m)
              .register(registry));
    }
  }
}
