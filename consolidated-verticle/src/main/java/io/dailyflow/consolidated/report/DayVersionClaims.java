package io.dailyflow.consolidated.report;

import io.dailyflow.common.release.DayVersions;
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

/**
 * Gives days that have no version one (see {@link DayVersions}), atomically per day: a Lua script
 * returns the day's version if it has one, else SETs the fresh token it was given (with
 * {@link DayVersions#VERSION_TTL}) and returns that. Concurrent readers, and a consumer bump that
 * lands in between, therefore agree on one current version. All the days go in one pipelined batch
 * of EVALSHA; while Redis does not know the script (first use, after a restart) the batch is sent
 * again as EVAL, which also loads it. Running the script twice is harmless: the second run only
 * reads.
 */
final class DayVersionClaims {

  static final String SCRIPT = "local v = redis.call('GET', KEYS[1]) if v then return v end "
      + "redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2]) return ARGV[1]";

  private static final String SHA1 = sha1(SCRIPT);
  private static final long TTL_SECONDS = DayVersions.VERSION_TTL.toSeconds();

  private final Redis redis;

  DayVersionClaims(Redis redis) {
    this.redis = redis;
  }

  /** The current version of each key, in order, after giving a fresh one to those without. */
  Future<List<String>> claim(List<String> versionKeys) {
    return run(Command.EVALSHA, SHA1, versionKeys)
        .recover(e -> isNoScript(e) ? run(Command.EVAL, SCRIPT, versionKeys)
            : Future.failedFuture(e));
  }

  private Future<List<String>> run(Command command, String script, List<String> versionKeys) {
    List<Request> calls = versionKeys.stream()
        .map(key -> Request.cmd(command)
            .arg(script)
            .arg(1)
            .arg(key)
            .arg(DayVersions.newVersion())
            .arg(TTL_SECONDS))
        .toList();
    return redis.batch(calls).map(replies -> replies.stream().map(Response::toString).toList());
  }

  /** A batch's error names the failed command: "ERR [0] NOSCRIPT No matching script...". */
  private static boolean isNoScript(Throwable e) {
    return e.getMessage() != null && e.getMessage().contains("NOSCRIPT");
  }

  private static String sha1(String text) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-1");
      return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is required of every Java platform", e);
    }
  }
}
