package io.dailyflow.auth.user;

import io.dailyflow.auth.password.Passwords;
import io.dailyflow.auth.session.SessionService;
import io.dailyflow.common.auth.Caller;
import io.dailyflow.common.http.Problem;
import io.dailyflow.common.http.ProblemException;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What an admin may do: create users of its own company and disable them. */
public final class UserAdminService {

  private static final Logger LOG = LoggerFactory.getLogger(UserAdminService.class);

  private final UserRepository users;
  private final Passwords passwords;
  private final SessionService sessions;

  public UserAdminService(UserRepository users, Passwords passwords, SessionService sessions) {
    this.users = users;
    this.passwords = passwords;
    this.sessions = sessions;
  }

  /** The created user; 409 when the username is taken. */
  public Future<User> create(Caller admin, NewUser request, String requestId) {
    return passwords.hash(request.password())
        .map(hash -> new User(UUID.randomUUID().toString(), request.username(),
            admin.companyId(), request.roles(), false, hash, Instant.now()))
        .compose(user -> users.insert(user).compose(inserted -> {
          if (!inserted) {
            return Future.failedFuture(new ProblemException(
                Problem.conflict("The username is taken")));
          }
          LOG.info("Admin {} created user {} with roles {} in company {} (request {})",
              admin.userId(), user.id(), user.roles(), user.companyId(), requestId);
          return Future.succeededFuture(user);
        }));
  }

  /**
   * Disables a user of the admin's company and revokes the user's sessions; another company's
   * user is a 404, as if it did not exist.
   */
  public Future<Void> disable(Caller admin, String userId, String requestId) {
    if (userId.equals(admin.userId())) {
      return Future.failedFuture(new ProblemException(
          Problem.conflict("An admin cannot disable itself")));
    }
    return users.disable(admin.companyId(), userId).compose(found -> {
      if (!found) {
        return Future.failedFuture(new ProblemException(Problem.notFound("No such user")));
      }
      LOG.info("Admin {} disabled user {} of company {} (request {})", admin.userId(), userId,
          admin.companyId(), requestId);
      return sessions.revokeAllOf(userId, "user disabled");
    });
  }
}
