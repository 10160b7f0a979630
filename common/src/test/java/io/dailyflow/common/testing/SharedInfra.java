package io.dailyflow.common.testing;

import io.dailyflow.common.config.CommonKeys;
import io.dailyflow.common.config.Config;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * One set of real servers (SQS, MongoDB protocol, Redis) for every test class of the module's
 * test JVM (a module's tests run in one reused fork): starting and stopping them per class cost
 * more than the tests. Each class gets a
 * {@link Slice}: a database and a queue of its own, so classes never see each other's data.
 * Classes run one after the other, so a class may stop and restart Redis.
 */
public final class SharedInfra {

  private static TestInfra infra;

  private SharedInfra() {
  }

  public static synchronized TestInfra servers() {
    if (infra == null) {
      infra = TestInfra.start();
      Runtime.getRuntime().addShutdownHook(new Thread(SharedInfra::close, "test-infra-stop"));
    }
    return infra;
  }

  private static void close() {
    try {
      infra.close();
    } catch (Exception e) {
      // the JVM is exiting; nothing more to do
    }
  }

  /** A database and a queue of the caller's own on the shared servers. */
  public static Slice slice() {
    String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    return new Slice(servers(), "db" + suffix, "q-" + suffix);
  }

  /** Configuration for one test class's own database and queue. */
  public record Slice(TestInfra servers, String database, String queueName) {

    public Config config(Map<String, Object> overrides) {
      Map<String, Object> values = new HashMap<>();
      values.put(CommonKeys.MONGO_DATABASE.name(), database);
      values.put(CommonKeys.SQS_QUEUE_NAME.name(), queueName);
      values.putAll(overrides);
      return servers.config(values);
    }

    public Config config() {
      return config(Map.of());
    }

    public String sqsEndpoint() {
      return servers.sqsEndpoint();
    }
  }
}
