package io.dailyflow.bench;

import java.util.HashMap;
import java.util.Map;

/** {@code --key value} pairs. */
final class Args {

  private final Map<String, String> values;

  private Args(Map<String, String> values) {
    this.values = values;
  }

  static Args parse(String[] args) {
    Map<String, String> values = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("expected --key value at " + args[i]);
      }
      values.put(args[i].substring(2), args[++i]);
    }
    return new Args(values);
  }

  String string(String key, String fallback) {
    return values.getOrDefault(key, fallback);
  }

  String required(String key) {
    String value = values.get(key);
    if (value == null) {
      throw new IllegalArgumentException("--" + key + " is required");
    }
    return value;
  }

  long number(String key, long fallback) {
    String value = values.get(key);
    return value == null ? fallback : Long.parseLong(value);
  }

  double decimal(String key, double fallback) {
    String value = values.get(key);
    return value == null ? fallback : Double.parseDouble(value);
  }
}
