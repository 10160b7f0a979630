package io.dailyflow.common.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.VertxOptions;
import io.vertx.core.datagram.DatagramSocketOptions;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.metrics.MetricsOptions;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.spi.VertxMetricsFactory;
import io.vertx.core.spi.metrics.ClientMetrics;
import io.vertx.core.spi.metrics.DatagramSocketMetrics;
import io.vertx.core.spi.metrics.EventBusMetrics;
import io.vertx.core.spi.metrics.HttpClientMetrics;
import io.vertx.core.spi.metrics.HttpServerMetrics;
import io.vertx.core.spi.metrics.PoolMetrics;
import io.vertx.core.spi.metrics.TCPMetrics;
import io.vertx.core.spi.metrics.VertxMetrics;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MetricsDomain;
import io.vertx.micrometer.MetricsNaming;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.util.EnumSet;
import java.util.Set;

/**
 * vertx-micrometer-metrics, with the HTTP server's request meters replaced by {@link
 * HttpServerMeters} (same names and tags, meters found once instead of on every request) when
 * the HTTP labels are the ones it records (method, route, status; no per-client or per-URI
 * label, no custom tags). Everything else (event bus, pools, clients, connections, JVM) is
 * Vert.x's implementation.
 */
public final class ServiceMetricsFactory implements VertxMetricsFactory {

  /** The HTTP labels {@link HttpServerMeters} records; with others, Vert.x's own meters are used. */
  private static final Set<Label> HTTP_LABELS = EnumSet.of(Label.HTTP_METHOD, Label.HTTP_ROUTE,
      Label.HTTP_CODE);
  private static final Set<Label> PER_CLIENT_OR_URI = EnumSet.of(Label.HTTP_PATH, Label.LOCAL,
      Label.REMOTE);

  private final MicrometerMetricsFactory micrometer;
  private final MeterRegistry registry;
  private final MetricsNaming names;
  private final boolean ownHttpMeters;

  public ServiceMetricsFactory(MeterRegistry registry, MicrometerMetricsOptions options) {
    this.micrometer = new MicrometerMetricsFactory(registry);
    this.registry = registry;
    // The names of the HTTP server's meters, as vertx-micrometer-metrics derives them.
    this.names = options.getMetricsNaming().withBaseName(MetricsDomain.HTTP_SERVER.getPrefix());
    this.ownHttpMeters = options.getLabels().containsAll(HTTP_LABELS)
        && options.getLabels().stream().noneMatch(PER_CLIENT_OR_URI::contains)
        && options.getServerRequestTagsProvider() == null;
  }

  @Override
  public VertxMetrics metrics(VertxOptions options) {
    return new Metrics(micrometer.metrics(options));
  }

  @Override
  public MetricsOptions newOptions() {
    return micrometer.newOptions();
  }

  @Override
  public MetricsOptions newOptions(MetricsOptions options) {
    return micrometer.newOptions(options);
  }

  @Override
  public MetricsOptions newOptions(JsonObject json) {
    return micrometer.newOptions(json);
  }

  /** Vert.x's metrics, but for the HTTP server's requests. */
  private final class Metrics implements VertxMetrics {
    private final VertxMetrics vertx;

    Metrics(VertxMetrics vertx) {
      this.vertx = vertx;
    }

    @Override
    public HttpServerMetrics<?, ?, ?> createHttpServerMetrics(HttpServerOptions options,
        SocketAddress localAddress) {
      HttpServerMetrics<?, ?, ?> connections = vertx.createHttpServerMetrics(options, localAddress);
      return connections == null || !ownHttpMeters ? connections
          : new HttpServerMeters(connections, registry, names);
    }

    @Override
    public EventBusMetrics<?> createEventBusMetrics() {
      return vertx.createEventBusMetrics();
    }

    @Override
    public ClientMetrics<?, ?, ?> createClientMetrics(SocketAddress remoteAddress, String type,
        String namespace) {
      return vertx.createClientMetrics(remoteAddress, type, namespace);
    }

    @Override
    public HttpClientMetrics<?, ?, ?> createHttpClientMetrics(HttpClientOptions options) {
      return vertx.createHttpClientMetrics(options);
    }

    @Override
    public TCPMetrics<?> createNetServerMetrics(NetServerOptions options,
        SocketAddress localAddress) {
      return vertx.createNetServerMetrics(options, localAddress);
    }

    @Override
    public TCPMetrics<?> createNetClientMetrics(NetClientOptions options) {
      return vertx.createNetClientMetrics(options);
    }

    @Override
    public DatagramSocketMetrics createDatagramSocketMetrics(DatagramSocketOptions options) {
      return vertx.createDatagramSocketMetrics(options);
    }

    @Override
    public PoolMetrics<?, ?> createPoolMetrics(String type, String name, int maxSize) {
      return vertx.createPoolMetrics(type, name, maxSize);
    }

    @Override
    public void vertxCreated(io.vertx.core.Vertx created) {
      vertx.vertxCreated(created);
    }

    @Override
    public boolean isMetricsEnabled() {
      return vertx.isMetricsEnabled();
    }

    @Override
    public void close() {
      vertx.close();
    }
  }
}
