package io.dailyflow.local;

import io.dailyflow.common.config.CommonKeys;
import io.dailyflow.common.config.Config;
import io.dailyflow.common.config.ConfigLoader;
import io.dailyflow.common.launch.ServiceLauncher;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code java -jar local/target/dailyflow-local.jar [all|infra]}: the whole product on the
 * embedded default (all), or only the embedded SQS, MongoDB-protocol server and Redis (infra).
 */
public final class LocalMain {

  private static final Logger LOG = LoggerFactory.getLogger(LocalMain.class);

  private LocalMain() {
  }

  public static void main(String[] args) {
    LocalApp.Mode mode;
    try {
      mode = LocalApp.Mode.valueOf((args.length == 0 ? "all" : args[0]).toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      LOG.error("Unknown mode '{}': use 'all' (the whole product) or 'infra' (only SQS, MongoDB "
          + "and Redis)", args[0]);
      System.exit(2);
      return;
    }
    long started = System.nanoTime();
    ServiceLauncher.nameLogs("dailyflow-local");
    try {
      Config config = ConfigLoader.fromEnvironment().load(LocalApp.ALL_KEYS, "common", "auth",
          "releases", "consumer", "consolidated", "local");
      LocalApp app = LocalApp.start(config, mode);
      Runtime.getRuntime().addShutdownHook(new Thread(app::close, "dailyflow-local-shutdown"));
      banner(app, mode, (System.nanoTime() - started) / 1_000_000);
      if (mode == LocalApp.Mode.INFRA) {
        // No Vert.x thread keeps this JVM alive (Redis alone is a child process): wait here
        // until SIGTERM, whose shutdown hook stops the servers.
        new CountDownLatch(1).await();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      LOG.error("DailyFlow local failed to start: {}", e.getMessage(), e);
      System.exit(1);
    }
  }

  private static void banner(LocalApp app, LocalApp.Mode mode, long millis) {
    Config config = app.config();
    StringBuilder text = new StringBuilder("\n\nDailyFlow ")
        .append(mode == LocalApp.Mode.ALL ? "is up" : "infrastructure is up")
        .append(" (").append(millis).append(" ms)\n");
    text.append("  SQS        ").append(config.string(CommonKeys.SQS_ENDPOINT))
        .append("  queue ").append(config.string(CommonKeys.SQS_QUEUE_NAME)).append('\n')
        .append("  MongoDB    ").append(config.string(CommonKeys.MONGO_URI))
        .append("  data in ").append(config.path(LocalKeys.DATA_DIR).toAbsolutePath()).append('\n')
        .append("  Redis      ").append(config.string(CommonKeys.REDIS_URI)).append('\n');
    if (mode == LocalApp.Mode.ALL) {
      text.append("  Auth API          http://localhost:").append(app.port("auth")).append('\n')
          .append("  Releases API      http://localhost:").append(app.port("releases")).append('\n')
          .append("  Consolidated API  http://localhost:").append(app.port("consolidated"))
          .append('\n')
          .append("  Demo logins (from ").append(seedFile(config)).append("):\n")
          .append(demoLogins(config));
    }
    // The demo logins are public (README, API contract), so the banner may be a log line.
    LOG.info("{}", text);
  }

  private static Path seedFile(Config config) {
    return Path.of(config.json().getString("auth.seed-file", "conf/users.json"));
  }

  private static String demoLogins(Config config) {
    try {
      JsonObject seed = new JsonObject(Files.readString(seedFile(config)));
      StringBuilder logins = new StringBuilder();
      seed.getJsonArray("users").forEach(u -> {
        JsonObject user = (JsonObject) u;
        logins.append("    ").append(user.getString("username")).append(" / ")
            .append(user.getString("password")).append("  (").append(user.getString("company"))
            .append(", ").append(user.getJsonArray("roles").encode()).append(")\n");
      });
      return logins.toString();
    } catch (Exception e) {
      return "    (seed file not readable: " + e.getMessage() + ")\n";
    }
  }
}
