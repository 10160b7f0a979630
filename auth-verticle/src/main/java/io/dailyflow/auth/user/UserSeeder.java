package io.dailyflow.auth.user;

import io.dailyflow.auth.AuthKeys;
import io.dailyflow.auth.password.Passwords;
import io.dailyflow.common.config.ConfigException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Provisions users from the seed file ({@code {"users":[{"username","password","company",
 * "roles"}]}}): inserts the missing ones, never touches an existing one. Safe when several Auth
 * processes seed at once: the unique username index lets one insert win and the others'
 * duplicate-key errors are ignored.
 */
public final class UserSeeder {

  private static final Logger LOG = LoggerFactory.getLogger(UserSeeder.class);

  private final Vertx vertx;
  private final UserRepository users;
  private final Passwords passwords;

  public UserSeeder(Vertx vertx, UserRepository users, Passwords passwords) {
    this.vertx = vertx;
    this.users = users;
    this.passwords = passwords;
  }

  public Future<Void> seed(String seedFile) {
    return vertx.fileSystem().exists(seedFile).compose(exists -> {
      if (!exists) {
        LOG.warn("Seed file {} ('{}') does not exist: no users provisioned", seedFile,
            AuthKeys.SEED_FILE.name());
        return Future.succeededFuture();
      }
      return vertx.fileSystem().readFile(seedFile)
          .map(buffer -> parse(seedFile, buffer))
          .compose(this::provisionInTurn);
    });
  }

  /** One after the other: a long seed file must not overrun the hashing pool's queue bound. */
  private Future<Void> provisionInTurn(List<SeedUser> entries) {
    Future<Void> chain = Future.succeededFuture();
    for (SeedUser entry : entries) {
      chain = chain.compose(v -> provision(entry));
    }
    return chain;
  }

  private Future<Void> provision(SeedUser entry) {
    return users.findByUsername(entry.username()).compose(existing -> {
      if (existing != null) {
        return Future.succeededFuture();
      }
      return passwords.hash(entry.password())
          .map(hash -> new User(UUID.randomUUID().toString(), entry.username(), entry.company(),
              entry.roles(), false, hash, Instant.now()))
          .compose(user -> users.insert(user).onSuccess(inserted -> {
            if (inserted) {
              LOG.info("Provisioned user {} ({}) of company {}", user.username(), user.id(),
                  user.companyId());
            }
          }))
          .mapEmpty();
    });
  }

  private record SeedUser(String username, String password, String company, List<String> roles) {
  }

  private static List<SeedUser> parse(String seedFile, Buffer buffer) {
    try {
      JsonArray entries = new JsonObject(buffer).getJsonArray("users", new JsonArray());
      return entries.stream().map(entry -> toSeedUser((JsonObject) entry)).toList();
    } catch (RuntimeException e) {
      throw new ConfigException("Seed file " + seedFile + " (configuration key '"
          + AuthKeys.SEED_FILE.name() + "') is not {\"users\":[{\"username\",\"password\","
          + "\"company\",\"roles\":[...]}]}: " + describe(e));
    }
  }

  /** Our own messages name a field; a decoder's message could quote the file (a password). */
  private static String describe(RuntimeException e) {
    return e.getClass() == IllegalArgumentException.class ? e.getMessage()
        : e.getClass().getSimpleName();
  }

  private static SeedUser toSeedUser(JsonObject entry) {
    String username = requireText(entry, "username");
    String password = requireText(entry, "password");
    String company = requireText(entry, "company");
    List<String> roles = entry.getJsonArray("roles", new JsonArray()).stream()
        .map(role -> (String) role).toList();
    if (!NewUser.USERNAME.matcher(username).matches() || !Roles.KNOWN.containsAll(roles)
        || roles.isEmpty()) {
      throw new IllegalArgumentException("bad username or roles for a seed user");
    }
    return new SeedUser(username, password, company, roles);
  }

  private static String requireText(JsonObject entry, String field) {
    String value = entry.getString(field);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("missing " + field);
    }
    return value;
  }
}
