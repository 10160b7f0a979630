package io.dailyflow.auth.login;

import io.dailyflow.auth.AuthKeys;
import io.dailyflow.common.config.CommonKeys;
import io.dailyflow.common.config.Config;
import io.dailyflow.common.http.Problem;
import io.dailyflow.common.http.ProblemException;
import io.dailyflow.common.metrics.Metrics;
import io.micrometer.core.instrument.Counter;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brute-force throttling of logins, per username and per client address, with counters in Redis
 * so every Auth process shares them. Each attempt is counted <em>before</em> the password is
 * checked (a fixed window that starts at the first attempt), so a burst of parallel guesses cannot
 * slip past the limit; an attempt that gets no verdict (refused with 429, or the store was down)
 * gives its slot back, and a success clears the user's count. So a counter is always "failures in
 * this window + checks in flight". The username is counted whether or not it
 * exists, so a 429 says nothing about existence. Redis down or slow: the same limits are counted
 * in this process ({@link LocalAttemptCounters}), so logins keep working and guesses stay bounded;
 * logged and counted in {@code dailyflow.auth.throttle.unavailable}.
 */
public final class LoginThrottle {

  private static final Logger LOG = LoggerFactory.getLogger(LoginThrottle.class);
  private static final String PREFIX = "dailyflow:auth:login-attempts:";
  /** Gives back one slot only if the window still exists (a DECR would create a key sans TTL). */
  private static final String RELEASE = "if redis.call('EXISTS', KEYS[1]) == 1 then "
      + "return redis.call('DECR', KEYS[1]) end return 0";
  private static final Counter FAIL_OPEN = Counter.builder("dailyflow.auth.throttle.unavailable")
      .description("Logins throttled in-process only because Redis did not answer")
      .register(Metrics.registry());

  private final Redis redis;
  private final int maxPerUser;
  private final int maxPerAddress;
  private final int windowSeconds;
  private final long timeoutMs;
  private final LocalAttemptCounters local;

  public LoginThrottle(Redis redis, Config config) {
    this.redis = redis;
    this.maxPerUser = config.positiveInt(AuthKeys.THROTTLE_MAX_FAILURES_PER_USER);
    this.maxPerAddress = config.positiveInt(AuthKeys.THROTTLE_MAX_FAILURES_PER_ADDRESS);
    this.windowSeconds = config.positiveInt(AuthKeys.THROTTLE_WINDOW_SECONDS);
    // A security check, not a cache read: wait longer than redis.timeout-ms before falling back.
    this.timeoutMs = Math.max(1_000, config.positiveInt(CommonKeys.REDIS_TIMEOUT_MS));
    this.local = new LocalAttemptCounters(windowSeconds);
  }

  /** Counts this attempt; fails with a 429 problem when the user or the address is over. */
  public Future<Void> begin(String username, String address, String requestId) {
    String userKey = userKey(username);
    String addressKey = addressKey(address);
    List<Request> batch = List.of(
        startWindow(userKey), Request.cmd(Command.INCR).arg(userKey),
        Request.cmd(Command.PTTL).arg(userKey),
        startWindow(addressKey), Request.cmd(Command.INCR).arg(addressKey),
        Request.cmd(Command.PTTL).arg(addressKey));
    return redis.batch(batch)
        .timeout(timeoutMs, TimeUnit.MILLISECONDS)
        .map(Optional::of)
        .recover(e -> unavailable(e, requestId))
        .compose(replies -> replies.map(r -> decide(r, userKey, addressKey, requestId))
            .orElseGet(() -> decideLocally(userKey, addressKey)));
  }

  /**
   * After a successful login: the user's window is cleared, the address gets its slot back.
   * Never fails: a Redis error here only leaves a counter a little high.
   */
  public Future<Void> succeeded(String username, String address, String requestId) {
    local.clear(userKey(username));
    local.decrement(addressKey(address));
    return quietly(List.of(Request.cmd(Command.DEL).arg(userKey(username)),
        release(addressKey(address))), requestId);
  }

  /**
   * After an attempt that ended without a verdict (the store or the hashing pool was
   * unavailable): both slots are given back, so retrying through an outage locks nobody out.
   */
  public Future<Void> abandoned(String username, String address, String requestId) {
    local.decrement(userKey(username));
    local.decrement(addressKey(address));
    return quietly(List.of(release(userKey(username)), release(addressKey(address))),
        requestId);
  }

  private Future<Void> quietly(List<Request> batch, String requestId) {
    return redis.batch(batch)
        .timeout(timeoutMs, TimeUnit.MILLISECONDS)
        .<Void>mapEmpty()
        .recover(e -> {
          LOG.warn("Could not update the login throttle (request {}): {}", requestId,
              e.getClass().getSimpleName());
          return Future.succeededFuture();
        });
  }

  private Future<Void> decide(List<Response> replies, String userKey, String addressKey,
      String requestId) {
    long userAttempts = replies.get(1).toLong();
    long addressAttempts = replies.get(4).toLong();
    long retryAfterMs = 0;
    if (userAttempts > maxPerUser) {
      retryAfterMs = Math.max(retryAfterMs, ttlMs(replies.get(2)));
    }
    if (addressAttempts > maxPerAddress) {
      retryAfterMs = Math.max(retryAfterMs, ttlMs(replies.get(5)));
    }
    if (retryAfterMs == 0) {
      return Future.succeededFuture();
    }
    int retryAfter = (int) Math.max(1, (retryAfterMs + 999) / 1000);
    // The refused attempt was never checked: it gives its slots back like an abandoned one.
    return quietly(List.of(release(userKey), release(addressKey)), requestId)
        .compose(v -> Future.failedFuture(new ProblemException(Problem.tooManyRequests(
            "Too many failed sign-in attempts; try again later", retryAfter))));
  }

  /** The same decision over this process's counters, while Redis does not answer. */
  private Future<Void> decideLocally(String userKey, String addressKey) {
    long now = System.currentTimeMillis();
    long userAttempts = local.increment(userKey, now);
    long addressAttempts = local.increment(addressKey, now);
    long retryAfterMs = 0;
    if (userAttempts > maxPerUser) {
      retryAfterMs = Math.max(retryAfterMs, local.remainingMillis(userKey, now));
    }
    if (addressAttempts > maxPerAddress) {
      retryAfterMs = Math.max(retryAfterMs, local.remainingMillis(addressKey, now));
    }
    if (retryAfterMs == 0) {
      return Future.succeededFuture();
    }
    local.decrement(userKey);
    local.decrement(addressKey);
    int retryAfter = (int) Math.max(1, (retryAfterMs + 999) / 1000);
    return Future.failedFuture(new ProblemException(Problem.tooManyRequests(
        "Too many failed sign-in attempts; try again later", retryAfter)));
  }

  private long ttlMs(Response pttl) {
    long ms = pttl == null ? -1 : pttl.toLong();
    return ms > 0 ? ms : windowSeconds * 1000L;
  }

  private Future<Optional<List<Response>>> unavailable(Throwable e, String requestId) {
    FAIL_OPEN.increment();
    LOG.warn("Login throttle's Redis unavailable, counting in this process (request {}): {}",
        requestId, e.getClass().getSimpleName());
    return Future.succeededFuture(Optional.empty());
  }

  private static Request release(String key) {
    return Request.cmd(Command.EVAL).arg(RELEASE).arg(1).arg(key);
  }

  private Request startWindow(String key) {
    return Request.cmd(Command.SET).arg(key).arg("0").arg("EX").arg(windowSeconds).arg("NX");
  }

  /** Usernames are hashed: Redis never holds what someone typed into the username field. */
  private static String userKey(String username) {
    return PREFIX + "user:" + sha256(username);
  }

  private static String addressKey(String address) {
    return PREFIX + "addr:" + address;
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
