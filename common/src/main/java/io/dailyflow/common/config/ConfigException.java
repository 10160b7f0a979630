package io.dailyflow.common.config;

/** A missing or invalid configuration value; the message names the key. */
public class ConfigException extends RuntimeException {

  public ConfigException(String message) {
    super(message);
  }
}
