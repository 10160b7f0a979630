package io.dailyflow.common.config;

import java.util.Locale;

/**
 * One configuration key with its default. The environment variable that overrides it is derived
 * from the name: {@code cache.ttl-seconds -> DAILYFLOW_CACHE_TTL_SECONDS}.
 *
 * @param name dotted key as written in {@code conf/*.json}
 * @param defaultValue used when neither the file nor the environment sets the key; {@code null}
 *     makes the key required
 */
public record ConfigKey(String name, Object defaultValue) {

  public static ConfigKey of(String name, Object defaultValue) {
    return new ConfigKey(name, defaultValue);
  }

  public static ConfigKey required(String name) {
    return new ConfigKey(name, null);
  }

  public String envName() {
    return "DAILYFLOW_" + name.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }
}
