package io.dailyflow.local;

import io.dailyflow.auth.AuthKeys;
import io.dailyflow.auth.AuthRootVerticle;
import io.dailyflow.common.auth.RsaKeys;
import io.dailyflow.common.config.CommonKeys;
import io.dailyflow.common.config.Config;
import io.dailyflow.common.config.ConfigKey;
import io.dailyflow.common.launch.ServiceLauncher;
import io.dailyflow.consolidated.ConsolidatedKeys;
import io.dailyflow.consolidated.ConsolidatedRootVerticle;
import io.dailyflow.consumer.ConsumerKeys;
import io.dailyflow.consumer.ConsumerRootVerticle;
import io.dailyflow.releases.ReleasesKeys;
import io.dailyflow.releases.ReleasesRootVerticle;
import io.vertx.core.Deployable;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole product in one process: the embedded infrastructure (unless {@code local.embedded}
 * is false), then the four services in order — Auth, the consumer, Consolidated, Releases — in
 * one Vert.x, talking over its event bus. {@link Mode#INFRA} starts only the infrastructure, for
 * running the service jars as separate processes against it.
 */
public final class LocalApp implements AutoCloseable {

  /** What to start. */
  public enum Mode { ALL, INFRA }

  /** Every key of every service, for the configuration reference and environment overrides. */
  public static final Set<ConfigKey> ALL_KEYS = allKeys();

  private static final Logger LOG = LoggerFactory.getLogger(LocalApp.class);
  private static final long START_TIMEOUT_SECONDS = 60;

  private final EmbeddedInfrastructure infrastructure;
  private final Vertx vertx;
  private final Config config;

  private LocalApp(EmbeddedInfrastructure infrastructure, Vertx vertx, Config config) {
    this.infrastructure = infrastructure;
    this.vertx = vertx;
    this.config = config;
  }

  private static Set<ConfigKey> allKeys() {
    Set<ConfigKey> keys = new LinkedHashSet<>(CommonKeys.ALL);
    keys.addAll(AuthKeys.ALL);
    keys.addAll(ReleasesKeys.ALL);
    keys.addAll(ConsumerKeys.ALL);
    keys.addAll(ConsolidatedKeys.ALL);
    keys.addAll(LocalKeys.ALL);
    return keys;
  }

  /** Starts and blocks until everything listens; fails (having stopped what started) if not. */
  public static LocalApp start(Config base, Mode mode) throws Exception {
    RsaKeys.ensureKeyPair(base.path(LocalKeys.PRIVATE_KEY_PATH),
        base.path(CommonKeys.JWT_PUBLIC_KEY_PATH));
    EmbeddedInfrastructure infrastructure = base.bool(LocalKeys.EMBEDDED)
        ? EmbeddedInfrastructure.start(base) : null;
    Config config = infrastructure == null ? base : base.with(infrastructure.endpoints());
    if (mode == Mode.INFRA) {
      return new LocalApp(infrastructure, null, config);
    }
    Vertx vertx = ServiceLauncher.newVertx();
    LocalApp app = new LocalApp(infrastructure, vertx, config);
    try {
      List<Function<Config, Deployable>> roots = List.of(AuthRootVerticle::new,
          ConsumerRootVerticle::new, ConsolidatedRootVerticle::new, ReleasesRootVerticle::new);
      Future<String> chain = Future.succeededFuture();
      for (Function<Config, Deployable> root : roots) {
        chain = chain.compose(id -> vertx.deployVerticle(root.apply(config)));
      }
      chain.toCompletionStage().toCompletableFuture().get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      return app;
    } catch (Exception e) {
      app.close();
      throw e;
    }
  }

  public Config config() {
    return config;
  }

  public int port(String service) {
    return config.port(ConfigKey.of(service + ".http.port", 0));
  }

  /** Stops the services gracefully (consumers finish in-flight work), then the infrastructure. */
  @Override
  public void close() {
    List<Exception> problems = new ArrayList<>();
    if (vertx != null) {
      try {
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      } catch (Exception e) {
        problems.add(e);
      }
    }
    if (infrastructure != null) {
      infrastructure.close();
    }
    problems.forEach(e -> LOG.warn("Stopping the local run: {}", e.toString()));
  }
}
