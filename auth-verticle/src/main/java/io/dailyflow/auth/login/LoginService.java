package io.dailyflow.auth.login;

import io.dailyflow.auth.password.Passwords;
import io.dailyflow.auth.password.Passwords.Verification;
import io.dailyflow.auth.session.SessionService;
import io.dailyflow.auth.session.TokenPair;
import io.dailyflow.auth.user.User;
import io.dailyflow.auth.user.UserRepository;
import io.dailyflow.common.http.Problem;
import io.dailyflow.common.http.ProblemException;
import io.dailyflow.common.metrics.Metrics;
import io.micrometer.core.instrument.Counter;
import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Login: throttle, look the user up, verify the password off the event loop (against a dummy hash
 * when there is no such user, so both cost one Argon2 run), then start a session. Unknown user,
 * wrong password and disabled user all end in the same 401.
 */
public final class LoginService {

  /** One login attempt, as the handler read it. */
  public record Attempt(Credentials credentials, String address, String requestId) {
  }

  private static final Logger LOG = LoggerFactory.getLogger(LoginService.class);
  private static final Counter SUCCEEDED = logins("success");
  private static final Counter REFUSED = logins("refused");

  private final LoginThrottle throttle;
  private final UserRepository users;
  private final Passwords passwords;
  private final SessionService sessions;

  public LoginService(LoginThrottle throttle, UserRepository users, Passwords passwords,
      SessionService sessions) {
    this.throttle = throttle;
    this.users = users;
    this.passwords = passwords;
    this.sessions = sessions;
  }

  public Future<TokenPair> login(Attempt attempt) {
    String username = attempt.credentials().username();
    return throttle.begin(username, attempt.address(), attempt.requestId())
        .compose(v -> check(attempt).recover(e -> isVerdict(e) ? Future.failedFuture(e)
            : throttle.abandoned(username, attempt.address(), attempt.requestId())
                .compose(released -> Future.failedFuture(e))));
  }

  private Future<TokenPair> check(Attempt attempt) {
    Credentials credentials = attempt.credentials();
    return users.findByUsername(credentials.username())
        .compose(user -> passwords.verify(user == null ? null : user.passwordHash(),
                credentials.password())
            .compose(verification -> decide(user, verification, attempt)));
  }

  /** A 401 is a verdict on the credentials; anything else (503, 500) is not the client's doing. */
  private static boolean isVerdict(Throwable e) {
    return e instanceof ProblemException problem && problem.problem().status() == 401;
  }

  private Future<TokenPair> decide(User user, Verification verification, Attempt attempt) {
    if (user == null || !verification.matches() || user.disabled()) {
      REFUSED.increment();
      LOG.info("Login refused ({}) from {} (request {})", reason(user, verification),
          attempt.address(), attempt.requestId());
      return Future.failedFuture(new ProblemException(
          Problem.unauthorized("Invalid username or password")));
    }
    SUCCEEDED.increment();
    LOG.info("Login of user {} of company {} from {} (request {})", user.id(), user.companyId(),
        attempt.address(), attempt.requestId());
    Future<Void> rehash = verification.needsRehash()
        ? rehash(user, attempt.credentials().password(), attempt.requestId())
        : Future.succeededFuture();
    return throttle.succeeded(user.username(), attempt.address(), attempt.requestId())
        .compose(v -> rehash)
        .compose(v -> sessions.start(user));
  }

  /**
   * Recomputes a hash made with weaker parameters while the password is at hand. A failure here
   * does not fail the login: the next one tries again.
   */
  private Future<Void> rehash(User user, String password, String requestId) {
    return passwords.hash(password)
        .compose(newHash -> users.replaceHash(user.id(), user.passwordHash(), newHash))
        .onSuccess(replaced -> LOG.info("Rehashed the password of user {} with {} (request {})",
            user.id(), passwords.params(), requestId))
        .<Void>mapEmpty()
        .recover(e -> {
          LOG.warn("Could not rehash the password of user {} (request {}): {}", user.id(),
              requestId, e.getClass().getSimpleName());
          return Future.succeededFuture();
        });
  }

  /** For the server log only; the client always gets the same answer. */
  private static String reason(User user, Verification verification) {
    if (user == null) {
      return "no such user";
    }
    return (verification.matches() ? "user " + user.id() + " is disabled"
        : "wrong password for user " + user.id());
  }

  private static Counter logins(String outcome) {
    return Counter.builder("dailyflow.auth.logins")
        .description("Login attempts that reached a verdict, by outcome")
        .tag("outcome", outcome)
        .register(Metrics.registry());
  }
}
