package io.dailyflow.common.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;

/**
 * A service's configuration, read once at start and passed down through constructors. A flat map
 * of dotted keys; typed getters fail with a message naming the key.
 */
public final class Config {

  private final JsonObject values;

  public Config(JsonObject values) {
    this.values = values.copy();
  }

  public static Config of(Map<String, Object> values) {
    return new Config(new JsonObject(values));
  }

  /** The raw values, e.g. to hand a slice to a verticle through {@code DeploymentOptions}. */
  public JsonObject json() {
    return values.copy();
  }

  /** A copy with {@code overrides} applied on top: tests use it to point at random ports. */
  public Config with(Map<String, Object> overrides) {
    return new Config(values.copy().mergeIn(new JsonObject(overrides)));
  }

  public boolean has(ConfigKey key) {
    return raw(key) != null;
  }

  public String string(ConfigKey key) {
    Object value = require(key);
    String text = value.toString().strip();
    if (text.isEmpty()) {
      throw invalid(key, value, "a non-empty string");
    }
    return text;
  }

  public String optionalString(ConfigKey key) {
    Object value = raw(key);
    return value == null || value.toString().isBlank() ? null : value.toString().strip();
  }

  public int integer(ConfigKey key) {
    Object value = require(key);
    try {
      return value instanceof Number n ? Math.toIntExact(n.longValue())
          : Integer.parseInt(value.toString().strip());
    } catch (ArithmeticException | NumberFormatException e) {
      throw invalid(key, value, "an integer");
    }
  }

  /** A count of verticle instances: the configured value if positive, else {@code fallback}. */
  public int instances(ConfigKey key, int fallback) {
    int configured = integer(key);
    return configured > 0 ? configured : fallback;
  }

  public int positiveInt(ConfigKey key) {
    int value = integer(key);
    if (value <= 0) {
      throw invalid(key, value, "a positive integer");
    }
    return value;
  }

  public int port(ConfigKey key) {
    int value = integer(key);
    if (value < 0 || value > 65_535) {
      throw invalid(key, value, "a TCP port (0-65535)");
    }
    return value;
  }

  public boolean bool(ConfigKey key) {
    Object value = require(key);
    if (value instanceof Boolean b) {
      return b;
    }
    return switch (value.toString().strip().toLowerCase()) {
      case "true", "yes", "1" -> true;
      case "false", "no", "0" -> false;
      default -> throw invalid(key, value, "true or false");
    };
  }

  public Duration seconds(ConfigKey key) {
    return Duration.ofSeconds(positiveInt(key));
  }

  public Duration millis(ConfigKey key) {
    return Duration.ofMillis(positiveInt(key));
  }

  public ZoneId zone(ConfigKey key) {
    Object value = require(key);
    try {
      return ZoneId.of(value.toString().strip());
    } catch (RuntimeException e) {
      throw invalid(key, value, "a time-zone id such as America/Sao_Paulo");
    }
  }

  public Path path(ConfigKey key) {
    return Path.of(string(key));
  }

  /** A JSON object, from conf/ or as JSON text (an environment variable). */
  public JsonObject object(ConfigKey key) {
    Object value = require(key);
    if (value instanceof JsonObject object) {
      return object;
    }
    if (value instanceof java.util.Map<?, ?> map) {
      @SuppressWarnings("unchecked")
      java.util.Map<String, Object> typed = (java.util.Map<String, Object>) map;
      return new JsonObject(typed);
    }
    try {
      return new JsonObject(value.toString());
    } catch (RuntimeException e) {
      throw invalid(key, value, "a JSON object");
    }
  }

  public JsonArray array(ConfigKey key) {
    Object value = require(key);
    if (value instanceof JsonArray array) {
      return array;
    }
    try {
      return new JsonArray(value.toString());
    } catch (RuntimeException e) {
      throw invalid(key, value, "a JSON array");
    }
  }

  private Object raw(ConfigKey key) {
    Object value = values.getValue(key.name());
    return value != null ? value : key.defaultValue();
  }

  private Object require(ConfigKey key) {
    Object value = raw(key);
    if (value == null) {
      throw new ConfigException("Missing configuration key '" + key.name()
          + "' (set it in conf/ or with the environment variable " + key.envName() + ")");
    }
    return value;
  }

  private static ConfigException invalid(ConfigKey key, Object value, String expected) {
    return new ConfigException("Invalid configuration key '" + key.name() + "': got '" + value
        + "', expected " + expected + " (environment variable " + key.envName() + ")");
  }

  @Override
  public String toString() {
    return "Config" + values.fieldNames();
  }
}
