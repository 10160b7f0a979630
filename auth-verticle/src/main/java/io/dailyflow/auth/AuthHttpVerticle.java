package io.dailyflow.auth;

import io.dailyflow.auth.keys.SigningKeys;
import io.dailyflow.auth.password.Passwords;
import io.dailyflow.auth.user.Roles;
import io.dailyflow.common.clients.MongoClients;
import io.dailyflow.common.clients.RedisClients;
import io.dailyflow.common.config.CommonKeys;
import io.dailyflow.common.config.Config;
import io.dailyflow.common.http.ApiRouter;
import io.dailyflow.common.http.JsonBodies;
import io.dailyflow.common.http.Problems;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.web.Router;
import io.vertx.redis.client.Redis;

/** The Auth API over HTTP; deployed {@code http.instances} times. */
public final class AuthHttpVerticle extends VerticleBase {

  private final Config config;
  private final SigningKeys keys;
  private final Passwords passwords;
  private MongoClient mongo;
  private Redis redis;

  public AuthHttpVerticle(Config config, SigningKeys keys, Passwords passwords) {
    this.config = config;
    this.keys = keys;
    this.passwords = passwords;
  }

  /** Every route of the Auth API, in one block. */
  public static Router router(Vertx vertx, Config config, AuthApi api) {
    Router router = ApiRouter.create(vertx, config.positiveInt(CommonKeys.HTTP_BODY_LIMIT_BYTES),
        api.checks());
    router.post("/auth/login").handler(JsonBodies::requireJson).handler(api.login());
    router.post("/auth/refresh").handler(JsonBodies::requireJson).handler(api.sessions()::refresh);
    router.post("/auth/logout").handler(JsonBodies::requireJson).handler(api.sessions()::logout);
    router.get("/.well-known/jwks.json").handler(api.jwks());
    router.post("/auth/users")
        .handler(api.jwtAuth())
        .handler(Roles.require(Roles.ADMIN))
        .handler(JsonBodies::requireJson)
        .handler(api.users()::create);
    router.post("/auth/users/:id/disable")
        .handler(api.jwtAuth())
        .handler(Roles.require(Roles.ADMIN))
        .handler(api.users()::disable);
    return router;
  }

  @Override
  public Future<?> start() {
    mongo = MongoClients.create(vertx, config);
    redis = RedisClients.create(vertx, config);
    AuthApi api = AuthApi.create(vertx, config, keys, passwords, mongo, redis);
    return vertx.createHttpServer()
        .invalidRequestHandler(Problems::invalidRequest)
        .requestHandler(router(vertx, config, api))
        .listen(config.port(AuthKeys.HTTP_PORT), config.string(CommonKeys.HTTP_HOST));
  }

  @Override
  public Future<?> stop() {
    return Future.join(redis.close(), mongo.close());
  }
}
