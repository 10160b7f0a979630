package io.dailyflow.auth.password;

import io.dailyflow.auth.AuthKeys;
import io.dailyflow.common.config.Config;
import io.dailyflow.common.http.Problem;
import io.dailyflow.common.http.ProblemException;
import io.dailyflow.common.metrics.Metrics;
import io.micrometer.core.instrument.Counter;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Password hashing and verification off the event loop, on a dedicated worker pool (each running
 * hash holds {@code memory-kib} of RAM, so the pool size bounds memory). One instance per
 * process, shared by the HTTP verticle instances; thread-safe.
 *
 * <p>Verifying against no stored hash (an unknown user) runs the KDF on a dummy hash made with
 * the current parameters, so an unknown user costs the same as a wrong password.
 */
public final class Passwords {

  /** A verification's outcome: {@code needsRehash} only means something when it matched. */
  public record Verification(boolean matches, boolean needsRehash) {
  }

  private static final String POOL_NAME = "dailyflow-auth-argon2";
  private static final Counter KDF_RUNS = Counter.builder("dailyflow.auth.argon2.runs")
      .description("Argon2id computations (hash or verify)")
      .register(Metrics.registry());

  private final WorkerExecutor pool;
  private final Argon2Hasher hasher;
  private final String dummyHash;
  private final int maxPending;
  private final AtomicInteger pending = new AtomicInteger();

  private Passwords(WorkerExecutor pool, Argon2Hasher hasher, String dummyHash, int maxPending) {
    this.pool = pool;
    this.hasher = hasher;
    this.dummyHash = dummyHash;
    this.maxPending = maxPending;
  }

  /** Creates the worker pool and the dummy hash (computed on the pool). */
  public static Future<Passwords> create(Vertx vertx, Config config) {
    Argon2Hasher hasher = new Argon2Hasher(Argon2Params.from(config));
    int threads = config.integer(AuthKeys.ARGON2_THREADS);
    int size = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    WorkerExecutor pool = vertx.createSharedWorkerExecutor(POOL_NAME, size);
    int maxPending = config.positiveInt(AuthKeys.ARGON2_MAX_PENDING);
    return pool.executeBlocking(() -> hasher.hash(UUID.randomUUID().toString()), false)
        .map(dummy -> new Passwords(pool, hasher, dummy, maxPending));
  }

  public Argon2Params params() {
    return hasher.params();
  }

  public Future<String> hash(String password) {
    return run(() -> hasher.hash(password));
  }

  /** Verifies {@code password} against {@code storedHash}; {@code null} means no such user. */
  public Future<Verification> verify(String storedHash, String password) {
    if (storedHash == null) {
      return run(() -> {
        hasher.verify(dummyHash, password);
        return new Verification(false, false);
      });
    }
    return run(() -> {
      boolean matches = hasher.verify(storedHash, password);
      return new Verification(matches, matches && hasher.needsRehash(storedHash));
    });
  }

  public Future<Void> close() {
    return pool.close();
  }

  /**
   * Runs one KDF computation on the pool; refuses with 503 when too many are queued, so a flood
   * of logins cannot queue unbounded work (and memory).
   */
  private <T> Future<T> run(Callable<T> work) {
    if (pending.incrementAndGet() > maxPending) {
      pending.decrementAndGet();
      return Future.failedFuture(new ProblemException(
          Problem.unavailable("Too many sign-ins in progress; try again shortly", 1)));
    }
    KDF_RUNS.increment();
    return pool.executeBlocking(work, false)
        .andThen(ignored -> pending.decrementAndGet());
  }
}
