package io.dailyflow.auth;

import io.dailyflow.auth.keys.SigningKeys;
import io.dailyflow.auth.password.Passwords;
import io.dailyflow.auth.session.SessionRepository;
import io.dailyflow.auth.user.UserRepository;
import io.dailyflow.auth.user.UserSeeder;
import io.dailyflow.common.clients.MongoClients;
import io.dailyflow.common.config.CommonKeys;
import io.dailyflow.common.config.Config;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.ext.mongo.MongoClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Auth service: loads (or creates) the signing keys, starts the password worker pool, makes
 * sure of the indexes, provisions the seed users, then deploys the HTTP verticles. Works beside
 * the other services' root verticles in one Vert.x (the local all-in-one).
 */
public final class AuthRootVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(AuthRootVerticle.class);

  private final Config config;
  private MongoClient mongo;
  private Passwords passwords;

  public AuthRootVerticle(Config config) {
    this.config = config;
  }

  @Override
  public Future<?> start() {
    mongo = MongoClients.create(vertx, config);
    // Independent steps in parallel: key files, the dummy hash, the indexes.
    Future<SigningKeys> keys = vertx.executeBlocking(() -> SigningKeys.load(config));
    Future<Passwords> hashing = Passwords.create(vertx, config)
        .onSuccess(created -> passwords = created);
    Future<Void> indexes = new UserRepository(mongo).ensureIndexes()
        .compose(v -> new SessionRepository(mongo).ensureIndexes());
    return Future.all(keys, hashing, indexes)
        .compose(ready -> seed())
        .compose(v -> deployHttp(keys.result()));
  }

  private Future<Void> seed() {
    if (!config.bool(AuthKeys.SEED_USERS)) {
      return Future.succeededFuture();
    }
    return new UserSeeder(vertx, new UserRepository(mongo), passwords)
        .seed(config.string(AuthKeys.SEED_FILE));
  }

  private Future<String> deployHttp(SigningKeys keys) {
    int instances = config.instances(CommonKeys.HTTP_INSTANCES,
        Runtime.getRuntime().availableProcessors());
    return vertx.deployVerticle(() -> new AuthHttpVerticle(config, keys, passwords),
            new DeploymentOptions().setInstances(instances))
        .onSuccess(id -> LOG.info("Auth API listening on {}:{} ({} instances, signing key {},"
                + " Argon2id {})", config.string(CommonKeys.HTTP_HOST),
            config.port(AuthKeys.HTTP_PORT), instances, keys.kid(), passwords.params()));
  }

  @Override
  public Future<?> stop() {
    Future<Void> pool = passwords == null ? Future.succeededFuture() : passwords.close();
    return Future.join(pool, mongo.close());
  }
}
