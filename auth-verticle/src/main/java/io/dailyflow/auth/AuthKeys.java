package io.dailyflow.auth;

import io.dailyflow.common.config.CommonKeys;
import io.dailyflow.common.config.ConfigKey;
import java.util.ArrayList;
import java.util.List;

/** Configuration keys of the Auth API, with their defaults. */
public final class AuthKeys {

  public static final ConfigKey HTTP_PORT = ConfigKey.of("auth.http.port", 8081);

  // Signing keys. The public half is CommonKeys.JWT_PUBLIC_KEY_PATH, shared with the verifiers.
  public static final ConfigKey PRIVATE_KEY_PATH =
      ConfigKey.of("auth.private-key-path", "conf/keys/private.pem");
  /** Set during a key rotation: still published on the JWKS and accepted by Auth's own routes. */
  public static final ConfigKey PREVIOUS_PUBLIC_KEY_PATH =
      ConfigKey.of("auth.previous-public-key-path", "");
  /** Set during a key rotation, before any process signs with it: published and accepted. */
  public static final ConfigKey NEXT_PUBLIC_KEY_PATH =
      ConfigKey.of("auth.next-public-key-path", "");
  /** Create the key pair at start when the private key file is absent (local runs). */
  public static final ConfigKey GENERATE_KEYS = ConfigKey.of("auth.generate-keys", true);

  // Token lifetimes
  public static final ConfigKey ACCESS_TOKEN_TTL_SECONDS =
      ConfigKey.of("auth.access-token-ttl-seconds", 900);
  /** Absolute lifetime of a session (refresh token family) from its login. */
  public static final ConfigKey REFRESH_TOKEN_TTL_SECONDS =
      ConfigKey.of("auth.refresh-token-ttl-seconds", 28_800);

  // Provisioning
  public static final ConfigKey SEED_USERS = ConfigKey.of("auth.seed-users", true);
  public static final ConfigKey SEED_FILE = ConfigKey.of("auth.seed-file", "conf/users.json");

  // Passwords (Argon2id; OWASP minimum by default)
  public static final ConfigKey ARGON2_MEMORY_KIB = ConfigKey.of("auth.argon2.memory-kib", 19_456);
  public static final ConfigKey ARGON2_ITERATIONS = ConfigKey.of("auth.argon2.iterations", 2);
  public static final ConfigKey ARGON2_PARALLELISM = ConfigKey.of("auth.argon2.parallelism", 1);
  /** Worker threads hashing passwords; 0 or less: one per core. */
  public static final ConfigKey ARGON2_THREADS = ConfigKey.of("auth.argon2.threads", 0);
  /** Hash computations queued or running per process before logins get 503. */
  public static final ConfigKey ARGON2_MAX_PENDING = ConfigKey.of("auth.argon2.max-pending", 64);
  public static final ConfigKey PASSWORD_MIN_LENGTH = ConfigKey.of("auth.password-min-length", 12);

  // Login throttling (counters in Redis, shared by every Auth process)
  public static final ConfigKey THROTTLE_MAX_FAILURES_PER_USER =
      ConfigKey.of("auth.throttle.max-failures-per-user", 5);
  public static final ConfigKey THROTTLE_MAX_FAILURES_PER_ADDRESS =
      ConfigKey.of("auth.throttle.max-failures-per-address", 5);
  public static final ConfigKey THROTTLE_WINDOW_SECONDS =
      ConfigKey.of("auth.throttle.window-seconds", 900);
  /** Take the client address from the last X-Forwarded-For hop (only behind a trusted proxy). */
  public static final ConfigKey TRUST_FORWARDED_FOR =
      ConfigKey.of("auth.trust-forwarded-for", false);

  public static final List<ConfigKey> ALL = all();

  private AuthKeys() {
  }

  private static List<ConfigKey> all() {
    List<ConfigKey> keys = new ArrayList<>(CommonKeys.ALL);
    keys.addAll(List.of(HTTP_PORT, PRIVATE_KEY_PATH, PREVIOUS_PUBLIC_KEY_PATH,
        NEXT_PUBLIC_KEY_PATH, GENERATE_KEYS,
        ACCESS_TOKEN_TTL_SECONDS, REFRESH_TOKEN_TTL_SECONDS, SEED_USERS, SEED_FILE,
        ARGON2_MEMORY_KIB, ARGON2_ITERATIONS, ARGON2_PARALLELISM, ARGON2_THREADS,
        ARGON2_MAX_PENDING, PASSWORD_MIN_LENGTH, THROTTLE_MAX_FAILURES_PER_USER,
        THROTTLE_MAX_FAILURES_PER_ADDRESS, THROTTLE_WINDOW_SECONDS, TRUST_FORWARDED_FOR));
    return List.copyOf(keys);
  }
}
