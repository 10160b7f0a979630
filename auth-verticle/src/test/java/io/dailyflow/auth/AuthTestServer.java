package io.dailyflow.auth;

import io.dailyflow.common.config.CommonKeys;
import io.dailyflow.common.config.Config;
import io.dailyflow.common.testing.TestInfra;
import io.dailyflow.common.testing.TestPorts;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Configuration for an Auth API under test: real MongoDB and Redis from {@link TestInfra}, keys
 * generated into a temp directory, a seed file of known users, a free port, and cheap Argon2
 * parameters unless a test asks for the production ones.
 */
public final class AuthTestServer {

  public static final String ADMIN_A = "admin-a";
  public static final String MERCHANT_A = "merchant-a";
  public static final String VIEWER_A = "viewer-a";
  public static final String ADMIN_B = "admin-b";

  /** Cheap enough for tests where the KDF's cost does not matter. */
  public static final Map<String, Object> CHEAP_ARGON2 = Map.of(
      AuthKeys.ARGON2_MEMORY_KIB.name(), 64, AuthKeys.ARGON2_ITERATIONS.name(), 1);

  private AuthTestServer() {
  }

  /** The password every seeded user has: its username + "-pass". */
  public static String passwordOf(String username) {
    return username + "-pass";
  }

  public static Config config(TestInfra infra, Map<String, Object> overrides) {
    Path dir = tempDir();
    Map<String, Object> values = new HashMap<>(CHEAP_ARGON2);
    values.put(AuthKeys.HTTP_PORT.name(), TestPorts.free());
    values.put(AuthKeys.PRIVATE_KEY_PATH.name(), dir.resolve("private.pem").toString());
    values.put(CommonKeys.JWT_PUBLIC_KEY_PATH.name(), dir.resolve("public.pem").toString());
    values.put(AuthKeys.SEED_FILE.name(), writeSeedFile(dir).toString());
    values.put(AuthKeys.TRUST_FORWARDED_FOR.name(), true);
    values.put(AuthKeys.ARGON2_THREADS.name(), 2);
    values.putAll(overrides);
    return infra.config(values);
  }

  public static Future<String> deploy(Vertx vertx, Config config) {
    return vertx.deployVerticle(new AuthRootVerticle(config));
  }

  private static Path writeSeedFile(Path dir) {
    JsonArray users = new JsonArray()
        .add(seedUser(ADMIN_A, "company-a", "admin", "merchant"))
        .add(seedUser(MERCHANT_A, "company-a", "merchant"))
        .add(seedUser(VIEWER_A, "company-a", "viewer"))
        .add(seedUser(ADMIN_B, "company-b", "admin", "merchant"));
    Path file = dir.resolve("users.json");
    try {
      Files.writeString(file, new JsonObject().put("users", users).encodePrettily());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  private static JsonObject seedUser(String username, String company, String... roles) {
    return new JsonObject()
        .put("username", username)
        .put("password", passwordOf(username))
        .put("company", company)
        .put("roles", new JsonArray(List.of(roles)));
  }

  private static Path tempDir() {
    try {
      return Files.createTempDirectory("dailyflow-auth-test");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
