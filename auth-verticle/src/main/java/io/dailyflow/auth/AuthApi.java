package io.dailyflow.auth;

import io.dailyflow.auth.keys.AccessTokens;
import io.dailyflow.auth.keys.JwksHandler;
import io.dailyflow.auth.keys.SigningKeys;
import io.dailyflow.auth.login.LoginHandler;
import io.dailyflow.auth.login.LoginService;
import io.dailyflow.auth.login.LoginThrottle;
import io.dailyflow.auth.password.Passwords;
import io.dailyflow.auth.session.SessionHandler;
import io.dailyflow.auth.session.SessionRepository;
import io.dailyflow.auth.session.SessionService;
import io.dailyflow.auth.user.UserAdminHandler;
import io.dailyflow.auth.user.UserAdminService;
import io.dailyflow.auth.user.UserRepository;
import io.dailyflow.common.auth.JwtAuthHandler;
import io.dailyflow.common.config.Config;
import io.dailyflow.common.health.HealthCheck;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.redis.client.Redis;
import java.util.List;

/**
 * Everything the Auth routes call, wired from the clients: what {@link AuthHttpVerticle#router}
 * mounts. One per HTTP verticle instance (the signer and verifier are per instance).
 *
 * @param checks readiness: MongoDB only. Redis backs throttling alone, which fails open, so a
 *     Redis outage degrades Auth (logged, counted) but does not take it out of rotation.
 */
public record AuthApi(LoginHandler login, SessionHandler sessions, UserAdminHandler users,
    JwksHandler jwks, JwtAuthHandler jwtAuth, List<HealthCheck> checks) {

  public static AuthApi create(Vertx vertx, Config config, SigningKeys keys, Passwords passwords,
      MongoClient mongo, Redis redis) {
    UserRepository users = new UserRepository(mongo);
    SessionService sessions = new SessionService(new SessionRepository(mongo), users,
        new AccessTokens(vertx, config, keys), config.seconds(AuthKeys.REFRESH_TOKEN_TTL_SECONDS));
    LoginService logins = new LoginService(new LoginThrottle(redis, config), users, passwords,
        sessions);
    JwtAuthHandler jwtAuth = new JwtAuthHandler(
        JwtAuthHandler.provider(vertx, config, keys.verificationPems()));
    HealthCheck mongoCheck = new HealthCheck("mongo",
        () -> mongo.runCommand("ping", new JsonObject().put("ping", 1)));
    return new AuthApi(
        new LoginHandler(logins, config.bool(AuthKeys.TRUST_FORWARDED_FOR)),
        new SessionHandler(sessions),
        new UserAdminHandler(new UserAdminService(users, passwords, sessions),
            config.positiveInt(AuthKeys.PASSWORD_MIN_LENGTH)),
        new JwksHandler(keys),
        jwtAuth,
        List.of(mongoCheck));
  }
}
