package io.dailyflow.auth.session;

import io.dailyflow.auth.keys.AccessTokens;
import io.dailyflow.auth.user.User;
import io.dailyflow.auth.user.UserRepository;
import io.dailyflow.common.http.Problem;
import io.dailyflow.common.http.ProblemException;
import io.dailyflow.common.metrics.Metrics;
import io.micrometer.core.instrument.Counter;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sessions with refresh-token rotation: every refresh retires the presented token and issues a
 * new pair; a retired token presented again means it was copied, so the whole session is revoked.
 * A session lives {@code auth.refresh-token-ttl-seconds} from its login, however often it is
 * refreshed.
 */
public final class SessionService {

  private static final Logger LOG = LoggerFactory.getLogger(SessionService.class);
  private static final Counter REFRESHED = refreshes("rotated");
  private static final Counter REFUSED = refreshes("refused");
  private static final Counter REUSED = refreshes("reuse-detected");

  private final SessionRepository sessions;
  private final UserRepository users;
  private final AccessTokens accessTokens;
  private final Duration lifetime;

  public SessionService(SessionRepository sessions, UserRepository users,
      AccessTokens accessTokens, Duration lifetime) {
    this.sessions = sessions;
    this.users = users;
    this.accessTokens = accessTokens;
    this.lifetime = lifetime;
  }

  /** A new session for a user who just proved the password. */
  public Future<TokenPair> start(User user) {
    Instant now = Instant.now();
    Session session = new Session(UUID.randomUUID().toString(), user.id(), user.companyId(), now,
        now.plus(lifetime), false);
    return sessions.insertSession(session).compose(v -> issue(user, session, now));
  }

  public Future<TokenPair> refresh(String refreshToken, String requestId) {
    String hash = RefreshTokens.hash(refreshToken);
    Instant now = Instant.now();
    return sessions.retire(hash, now).compose(token -> token != null
        ? rotate(token, now, requestId)
        : refuseOrRevoke(hash, requestId));
  }

  /** Revokes the session the token belongs to; an unknown token is not an error. */
  public Future<Void> logout(String refreshToken, String requestId) {
    return sessions.findToken(RefreshTokens.hash(refreshToken)).compose(token -> {
      if (token == null) {
        return Future.succeededFuture();
      }
      String sessionId = token.getString("sessionId");
      LOG.info("Logout of session {} (user {}, request {})", sessionId, token.getString("userId"),
          requestId);
      return sessions.revokeSession(sessionId, "logout");
    });
  }

  public Future<Void> revokeAllOf(String userId, String reason) {
    return sessions.revokeUserSessions(userId, reason);
  }

  private Future<TokenPair> rotate(JsonObject token, Instant now, String requestId) {
    String sessionId = token.getString("sessionId");
    Future<Session> session = sessions.findSession(sessionId);
    Future<User> user = users.findById(token.getString("userId"));
    return Future.all(session, user).compose(both -> {
      if (session.result() == null || !session.result().usableAt(now)) {
        REFUSED.increment();
        LOG.info("Refresh refused: session {} is revoked or over (request {})", sessionId,
            requestId);
        return Future.failedFuture(invalid());
      }
      if (user.result() == null || user.result().disabled()) {
        REFUSED.increment();
        LOG.info("Refresh refused: user of session {} is disabled (request {})", sessionId,
            requestId);
        return sessions.revokeSession(sessionId, "user disabled").compose(v -> invalid(null));
      }
      REFRESHED.increment();
      return issue(user.result(), session.result(), now);
    });
  }

  private Future<TokenPair> refuseOrRevoke(String hash, String requestId) {
    return sessions.findToken(hash).compose(token -> {
      REFUSED.increment();
      if (token == null || !SessionRepository.RETIRED.equals(token.getString("state"))) {
        return invalid(null);
      }
      REUSED.increment();
      String sessionId = token.getString("sessionId");
      LOG.warn("Refresh token reuse on session {} (user {}, request {}): revoking the session",
          sessionId, token.getString("userId"), requestId);
      return sessions.revokeSession(sessionId, "refresh token reuse").compose(v -> invalid(null));
    });
  }

  private Future<TokenPair> issue(User user, Session session, Instant now) {
    String refreshToken = RefreshTokens.generate();
    return sessions.insertToken(RefreshTokens.hash(refreshToken), session, now)
        .map(v -> new TokenPair(accessTokens.issue(user), accessTokens.ttlSeconds(),
            refreshToken));
  }

  private static <T> Future<T> invalid(Void ignored) {
    return Future.failedFuture(invalid());
  }

  private static ProblemException invalid() {
    return new ProblemException(Problem.unauthorized("The refresh token is not valid"));
  }

  private static Counter refreshes(String outcome) {
    return Counter.builder("dailyflow.auth.refreshes")
        .description("Refresh attempts by outcome")
        .tag("outcome", outcome)
        .register(Metrics.registry());
  }
}
