package io.dailyflow.common.launch;

import ch.qos.logback.classic.LoggerContext;
import io.dailyflow.common.config.Config;
import io.dailyflow.common.config.ConfigKey;
import io.dailyflow.common.config.ConfigLoader;
import io.dailyflow.common.metrics.Metrics;
import io.dailyflow.common.metrics.ServiceMetricsFactory;
import io.vertx.core.Deployable;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.util.Collection;
import java.util.EnumSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every {@code main} does: read the configuration once, start Vert.x with metrics, deploy
 * the one root verticle, and on SIGTERM undeploy it gracefully (consumers finish what is in
 * flight) before the JVM exits. A failed start exits with status 1 and a message naming the cause.
 */
public final class ServiceLauncher {

  private static final Logger LOG = LoggerFactory.getLogger(ServiceLauncher.class);
  private static final long SHUTDOWN_TIMEOUT_SECONDS = 30;

  private ServiceLauncher() {
  }

  /**
   * The process's Vert.x: metered, and on Linux's epoll where Netty's native transport loads
   * (fewer system calls and less CPU per request than Java NIO); elsewhere on NIO, as logged.
   */
  public static Vertx newVertx() {
    MicrometerMetricsOptions metrics = metricsOptions();
    Vertx vertx = Vertx.builder()
        .with(new VertxOptions().setMetricsOptions(metrics).setPreferNativeTransport(true))
        .withMetrics(new ServiceMetricsFactory(Metrics.registry(), metrics))
        .build();
    if (vertx.isNativeTransportEnabled()) {
      LOG.debug("Event loops on the native transport");
    } else if (System.getProperty("os.name", "").startsWith("Linux")
        && System.getProperty("os.arch", "").equals("amd64")) {
      // The library ships for this platform: a read-only or noexec temporary directory (where
      // Netty unpacks it; -Dio.netty.native.workdir moves it) or a musl libc keeps it out.
      LOG.warn("Event loops on Java NIO: the native epoll transport did not load: {}",
          String.valueOf(vertx.unavailableNativeTransportCause()));
    } else {
      LOG.info("Event loops on Java NIO; the native transport is not available here: {}",
          String.valueOf(vertx.unavailableNativeTransportCause()));
    }
    return vertx;
  }

  /**
   * Vert.x metrics on, with labels that keep series bounded: HTTP by method, route template and
   * status (never by client or URI), the event bus by address, pools by type and name.
   */
  public static MicrometerMetricsOptions metricsOptions() {
    return new MicrometerMetricsOptions()
        .setEnabled(true)
        .setJvmMetricsEnabled(true)
        .setLabels(EnumSet.of(Label.HTTP_METHOD, Label.HTTP_CODE, Label.HTTP_ROUTE,
            Label.EB_ADDRESS, Label.EB_FAILURE, Label.POOL_TYPE, Label.POOL_NAME));
  }

  /**
   * Starts a service from its configuration files (without ".json", in order of precedence).
   */
  public static void run(String service, Collection<ConfigKey> keys,
      Function<Config, Deployable> rootVerticle, String... files) {
    long started = System.nanoTime();
    nameLogs(service);
    Config config;
    try {
      config = ConfigLoader.fromEnvironment().load(keys, files);
    } catch (RuntimeException e) {
      fail(service, e);
      return;
    }
    Vertx vertx = newVertx();
    Future<String> deployment;
    try {
      deployment = vertx.deployVerticle(rootVerticle.apply(config));
    } catch (RuntimeException e) {
      deployment = Future.failedFuture(e);
    }
    deployment
        .onSuccess(id -> {
          LOG.info("{} started in {} ms", service,
              TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
          Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(service, vertx),
              service + "-shutdown"));
        })
        .onFailure(e -> {
          vertx.close();
          fail(service, e);
        });
  }

  /** Every log line of the process names its service (JSON: context.name and properties). */
  public static void nameLogs(String service) {
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext logs) {
      logs.setName(service);
      logs.putProperty("service", service);
    }
  }

  private static void stop(String service, Vertx vertx) {
    LOG.info("{} stopping: finishing in-flight work", service);
    try {
      vertx.close().toCompletionStage().toCompletableFuture()
          .get(SHUTDOWN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      LOG.info("{} stopped", service);
    } catch (Exception e) {
      LOG.warn("{} did not stop cleanly within {} s: {}", service, SHUTDOWN_TIMEOUT_SECONDS,
          e.toString());
    }
  }

  private static void fail(String service, Throwable e) {
    LOG.error("{} failed to start: {}", service, e.getMessage(), e);
    // The logger may be asynchronous; give it a moment before the hard exit.
    Runtime.getRuntime().halt(exitAfterFlush());
  }

  private static int exitAfterFlush() {
    try {
      Thread.sleep(200);
    } catch (InterruptedException ignored) {
      Thread.currentThread().interrupt();
    }
    return 1;
  }
}
