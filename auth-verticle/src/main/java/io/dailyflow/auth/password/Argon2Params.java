package io.dailyflow.auth.password;

import io.dailyflow.auth.AuthKeys;
import io.dailyflow.common.config.Config;

/**
 * Argon2id cost parameters. Stored inside every hash (PHC string), so they can be raised later:
 * a hash made with weaker parameters is recomputed at the next successful login.
 *
 * @param memoryKib memory in KiB (OWASP minimum: 19456 = 19 MiB)
 * @param iterations passes over memory (OWASP minimum with 19 MiB: 2)
 * @param parallelism lanes (1)
 */
public record Argon2Params(int memoryKib, int iterations, int parallelism) {

  /** OWASP's current minimum for Argon2id. */
  public static final Argon2Params PRODUCTION = new Argon2Params(19_456, 2, 1);

  public Argon2Params {
    if (parallelism < 1 || parallelism > 16) {
      throw new IllegalArgumentException("Argon2 parallelism must be 1-16");
    }
    if (memoryKib < 8 * parallelism || memoryKib > 4_194_304) {
      throw new IllegalArgumentException("Argon2 memory must be 8*parallelism KiB to 4 GiB");
    }
    if (iterations < 1 || iterations > 100) {
      throw new IllegalArgumentException("Argon2 iterations must be 1-100");
    }
  }

  public static Argon2Params from(Config config) {
    return new Argon2Params(config.positiveInt(AuthKeys.ARGON2_MEMORY_KIB),
        config.positiveInt(AuthKeys.ARGON2_ITERATIONS),
        config.positiveInt(AuthKeys.ARGON2_PARALLELISM));
  }

  /** True when any parameter is below {@code current}'s: such a hash is due for a rehash. */
  public boolean weakerThan(Argon2Params current) {
    return memoryKib < current.memoryKib || iterations < current.iterations
        || parallelism < current.parallelism;
  }
}
