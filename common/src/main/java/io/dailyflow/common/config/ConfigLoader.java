package io.dailyflow.common.config;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;

/**
 * Reads a service's configuration once: code defaults, then {@code conf/common.json}, then
 * {@code conf/<service>.json}, then environment variables ({@link ConfigKey#envName()}). The
 * directory is {@code conf/} under the working directory unless {@code DAILYFLOW_CONF_DIR} says
 * otherwise; missing files are fine, unreadable ones fail the start.
 */
public final class ConfigLoader {

  public static final String CONF_DIR_ENV = "DAILYFLOW_CONF_DIR";

  private final Path confDir;
  private final Map<String, String> environment;

  public ConfigLoader(Path confDir, Map<String, String> environment) {
    this.confDir = confDir;
    this.environment = environment;
  }

  public static ConfigLoader fromEnvironment() {
    Map<String, String> env = System.getenv();
    return new ConfigLoader(Path.of(env.getOrDefault(CONF_DIR_ENV, "conf")), env);
  }

  public Path confDir() {
    return confDir;
  }

  /** Loads the files named (without ".json") in order, then applies environment overrides. */
  public Config load(Collection<ConfigKey> keys, String... files) {
    JsonObject merged = new JsonObject();
    for (ConfigKey key : keys) {
      if (key.defaultValue() != null) {
        merged.put(key.name(), key.defaultValue());
      }
    }
    for (String file : files) {
      merged.mergeIn(readFile(confDir.resolve(file + ".json")));
    }
    for (ConfigKey key : keys) {
      String override = environment.get(key.envName());
      if (override != null) {
        merged.put(key.name(), override);
      }
    }
    return new Config(merged);
  }

  private static JsonObject readFile(Path file) {
    if (!Files.isRegularFile(file)) {
      return new JsonObject();
    }
    try {
      return new JsonObject(Files.readString(file));
    } catch (IOException | DecodeException e) {
      throw new ConfigException("Cannot read configuration file " + file + ": " + e.getMessage());
    }
  }
}
