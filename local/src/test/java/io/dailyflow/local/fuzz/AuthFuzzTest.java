package io.dailyflow.local.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import io.dailyflow.common.clients.MongoClients;
import io.dailyflow.local.fuzz.ReleaseOracle.Kind;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Ten thousand random and mutated requests against the Auth API of a running product of its own
 * (the login throttle it trips stays here): login, refresh, logout, JWKS and user admin. No 5xx,
 * no hang, every error a problem; afterwards the real session still refreshes (no garbage token
 * revoked it) and the only users added are the ones answered 201.
 */
class AuthFuzzTest {

  private static final int REQUESTS = 10_000;
  private static final long SEED = Long.getLong("fuzz.seed", System.nanoTime());
  private static final JsonFactory JSON = JsonFactory.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  private static FuzzProduct product;
  private static String admin;
  private static String refreshToken;
  private static String viewer;
  private static long usersBefore;

  @BeforeAll
  static void startProduct() throws Exception {
    product = FuzzProduct.start("auth-fuzz");
    HttpResponse<String> login = product.post("auth", "/auth/login", null, new JsonObject()
        .put("username", "merchant-a").put("password", "merchant-a-pass").encode(), Map.of());
    assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
    admin = new JsonObject(login.body()).getString("access_token");
    refreshToken = new JsonObject(login.body()).getString("refresh_token");
    viewer = product.login("viewer-a", "viewer-a-pass");
    usersBefore = countUsers();
  }

  @AfterAll
  static void stopProduct() {
    if (product != null) {
      product.close();
    }
  }

  /** Which endpoint, as whom. */
  record Intent(String route, String caller) {
  }

  private final Random random = new Random(SEED);
  private final AtomicInteger created = new AtomicInteger();
  private int nextUser;

  @Test
  void tenThousandBadRequestsGetProblemsAndLeaveSessionsAndUsersAlone() throws Exception {
    System.out.println("AuthFuzzTest seed " + SEED + " (rerun with -Dfuzz.seed=" + SEED + ")");
    FuzzReport report = new FuzzReport();
    try (FuzzSender sender = new FuzzSender(product, 48)) {
      sender.run(REQUESTS, this::next, this::judge, report);
    }
    System.out.println(report.summary("AuthFuzzTest", SEED));
    report.violations().forEach(v -> System.out.println("VIOLATION " + v));
    report.retriedSamples().forEach(r -> System.out.println("RETRIED " + r));

    assertThat(report.sent()).isGreaterThanOrEqualTo(REQUESTS);
    assertThat(report.violations()).as("seed " + SEED).isEmpty();
    assertThat(report.count(503)).as("503s").isLessThanOrEqualTo(
        (long) (REQUESTS * FuzzSender.MAX_503_SHARE));
    for (String service : FuzzProduct.SERVICES) {
      assertThat(product.get(service, "/health/live", null).statusCode()).isEqualTo(200);
    }
    HttpResponse<String> refreshed = product.post("auth", "/auth/refresh", null,
        new JsonObject().put("refresh_token", refreshToken).encode(), Map.of());
    assertThat(refreshed.statusCode()).as("the real session survived: " + refreshed.body())
        .isEqualTo(200);
    assertThat(product.get("consolidated", "/consolidated/daily", admin).statusCode())
        .isEqualTo(200);
    assertThat(countUsers()).as("users added").isEqualTo(usersBefore + created.get());
  }

  private static long countUsers() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      MongoClient mongo = MongoClients.create(vertx, product.config());
      return mongo.count("users", new JsonObject()).toCompletionStage().toCompletableFuture()
          .get(10, TimeUnit.SECONDS);
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  // ---------------------------------------------------------------- generation

  private FuzzRequest next() {
    int roll = random.nextInt(100);
    if (roll < 40) {
      return session("/auth/login", "login", loginBody());
    } else if (roll < 55) {
      return session("/auth/refresh", "refresh", tokenBody());
    } else if (roll < 65) {
      return session("/auth/logout", "logout", tokenBody());
    } else if (roll < 70) {
      FuzzRequest.Builder request = FuzzRequest.to("auth", random.nextInt(4) == 0
          ? Garbage.method(random) : "GET", "/.well-known/jwks.json").category("jwks")
          .note(new Intent("jwks", "NOBODY"));
      if (random.nextBoolean()) {
        request.header("X-Request-Id", Garbage.oddHeaderValue(random));
      }
      return request.build();
    } else if (roll < 85) {
      return admin(FuzzRequest.to("auth", "POST", "/auth/users"), "users")
          .header("Content-Type", contentType()).body(userBody()).category("users").build();
    } else if (roll < 90) {
      String id = Garbage.pick(random, List.of(UUID.randomUUID().toString(), "%2F", "..",
          "a".repeat(300), "%zz", "null", "me", Garbage.randomPrintable(random, 20)
              .replace("/", "").replace("?", "").replace("#", "").replace("%", "")));
      return admin(FuzzRequest.to("auth", "POST", "/auth/users/" + id + "/disable"), "disable")
          .category("disable").build();
    } else {
      String path = random.nextBoolean() ? Garbage.oddPath(random, "/auth")
          : Garbage.pick(random, List.of("/auth/login", "/auth/refresh", "/auth/logout",
              "/auth/users", "/.well-known/jwks.json", "/auth", "/", "/.well-known/",
              "/auth/login/", "/AUTH/LOGIN"));
      return FuzzRequest.to("auth", Garbage.method(random), path).category("path-method")
          .header("Content-Type", contentType()).body(random.nextBoolean() ? null : loginBody())
          .note(new Intent(null, "NOBODY")).build();
    }
  }

  private FuzzRequest session(String path, String route, byte[] body) {
    FuzzRequest.Builder request = FuzzRequest.to("auth", "POST", path)
        .header("Content-Type", contentType()).body(body).category(route)
        .note(new Intent(route, "NOBODY"));
    if (random.nextInt(10) == 0) {
      request.header("X-Request-Id", Garbage.oddHeaderValue(random));
    }
    if (random.nextInt(10) == 0) {
      request.header("Authorization", Garbage.badAuthorization(random, admin));
    }
    return request.build();
  }

  private FuzzRequest.Builder admin(FuzzRequest.Builder request, String route) {
    int roll = random.nextInt(10);
    String caller = roll < 7 ? "ADMIN" : roll < 8 ? "VIEWER" : "NOBODY";
    if (caller.equals("ADMIN")) {
      request.header("Authorization", "Bearer " + admin);
    } else if (caller.equals("VIEWER")) {
      request.header("Authorization", "Bearer " + viewer);
    } else if (random.nextBoolean()) {
      request.header("Authorization", Garbage.badAuthorization(random, admin));
    }
    return request.note(new Intent(route, caller));
  }

  private String contentType() {
    return random.nextInt(8) == 0 ? Garbage.pick(random, Garbage.CONTENT_TYPES)
        : random.nextBoolean() ? "application/json" : "application/json; charset=utf-8";
  }

  private byte[] loginBody() {
    String username = random.nextInt(30) == 0 ? "merchant-a"
        : random.nextInt(30) == 0 ? "merchant-b" : "user-" + random.nextInt(1_000_000);
    String password = random.nextInt(3) == 0 ? "merchant-b-pass" : Garbage.randomPrintable(
        random, 1 + random.nextInt(40)).replace("\"", "").replace("\\", "");
    String valid = "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}";
    return mangle(valid, List.of("username", "password"));
  }

  private byte[] tokenBody() {
    String token = switch (random.nextInt(6)) {
      // Cut or altered copies of the real token, each at least 8 characters away from it, so
      // that no mutation below can turn one back into the real token.
      case 0 -> refreshToken.substring(0, refreshToken.length() / 2);
      case 1 -> refreshToken.substring(8 + random.nextInt(refreshToken.length() - 8));
      case 2 -> refreshToken.substring(0, 8) + "AAAAAAAAAA" + refreshToken.substring(18) + "x";
      case 3 -> admin;
      case 4 -> Garbage.randomPrintable(random, 1 + random.nextInt(300)).replace("\"", "")
          .replace("\\", "");
      default -> UUID.randomUUID().toString();
    };
    return mangle("{\"refresh_token\":\"" + token + "\"}", List.of("refresh_token"));
  }

  private byte[] userBody() {
    String valid = "{\"username\":\"fuzz-" + nextUser++ + "-" + random.nextInt(1000)
        + "\",\"password\":\"a-long-enough-password\",\"roles\":[\"viewer\"]}";
    if (random.nextInt(8) == 0) {
      return valid.getBytes(StandardCharsets.UTF_8);
    }
    String shape = Garbage.pick(random, List.of(
        "{\"username\":\"ab\",\"password\":\"a-long-enough-password\",\"roles\":[\"viewer\"]}",
        "{\"username\":\"x y\",\"password\":\"a-long-enough-password\",\"roles\":[\"viewer\"]}",
        "{\"username\":\"okname\",\"password\":\"short\",\"roles\":[\"viewer\"]}",
        "{\"username\":\"okname\",\"password\":\"a-long-enough-password\",\"roles\":[]}",
        "{\"username\":\"okname\",\"password\":\"a-long-enough-password\",\"roles\":[\"root\"]}",
        "{\"username\":\"okname\",\"password\":\"a-long-enough-password\",\"roles\":[\"viewer\","
            + "\"viewer\"]}",
        "{\"username\":\"okname\",\"password\":\"a-long-enough-password\",\"roles\":\"admin\"}",
        "{\"username\":\"okname\",\"password\":\"a-long-enough-password\",\"roles\":[1]}",
        "{\"username\":\"okname\",\"password\":\"" + "p".repeat(1025) + "\",\"roles\":[\"viewer\"]}",
        "{\"username\":\"okname\",\"password\":1e400,\"roles\":[\"viewer\"]}",
        "{\"username\":\"okname\",\"company\":\"company-b\",\"password\":\"x\",\"roles\":[\"x\"]}",
        "{\"username\":\"" + "u".repeat(65) + "\",\"password\":\"a-long-enough-password\","
            + "\"roles\":[\"viewer\"]}",
        "{\"username\":\"merchant-b\",\"password\":\"short\",\"roles\":[\"admin\"]}"));
    return mangle(shape, List.of("username", "password", "roles"));
  }

  /** Mostly-broken variants of a valid body. */
  private byte[] mangle(String valid, List<String> fields) {
    return switch (random.nextInt(12)) {
      case 0, 1, 2 -> valid.getBytes(StandardCharsets.UTF_8);
      case 3 -> Garbage.mutate(random, valid.getBytes(StandardCharsets.UTF_8));
      case 4 -> Garbage.randomBytes(random, 200);
      case 5 -> Garbage.wrongShape(random, valid).getBytes(StandardCharsets.UTF_8);
      case 6 -> Garbage.unknownFields(random, valid).getBytes(StandardCharsets.UTF_8);
      case 7 -> Garbage.deepNesting(random, valid.substring(1)).getBytes(StandardCharsets.UTF_8);
      case 8 -> Garbage.huge(random, valid);
      case 9 -> ("{\"" + Garbage.pick(random, fields) + "\":" + Garbage.pick(random,
          Garbage.BAD_AMOUNTS) + "," + valid.substring(1)).getBytes(StandardCharsets.UTF_8);
      case 10 -> {
        byte[] bytes = valid.getBytes(StandardCharsets.UTF_8);
        yield Garbage.splice(bytes, valid.indexOf(':') + 2, Garbage.invalidUtf8(random));
      }
      default -> ("{\"" + Garbage.pick(random, fields) + "\":" + Garbage.pick(random,
          List.of("null", "12", "true", "[]", "{}", "\"\"", "\"" + "x".repeat(1500) + "\"",
              "\"\\u0000\"", "\"\\ud800\"", "\"\uD83D\uDE00\"")) + "}")
          .getBytes(StandardCharsets.UTF_8);
    };
  }

  // ---------------------------------------------------------------- judging

  private void judge(FuzzRequest request, FuzzReply reply) {
    Intent intent = (Intent) request.note();
    String problem = intent.route() == null ? judgeOther(request, reply)
        : switch (intent.route()) {
          case "login", "refresh", "logout" -> judgeSession(request, intent.route(), reply);
          case "jwks" -> judgeJwks(request, reply);
          default -> judgeAdmin(request, intent, reply);
        };
    if (problem != null) {
      throw new AssertionError(problem + " (status " + reply.status() + ", body "
          + FuzzSender.abbreviate(reply.text()) + ")");
    }
  }

  private static String judgeOther(FuzzRequest request, FuzzReply reply) {
    int status = reply.status();
    if (status >= 200 && status < 300 && !request.method().equals("GET")
        && !request.method().equals("HEAD") && !request.method().equals("OPTIONS")) {
      boolean login = request.uri().equals("/auth/login") || request.uri().equals("/auth/login/");
      boolean loginOk = login && status == 200 && isDemoLogin(request.body());
      return loginOk || (request.uri().startsWith("/auth/logout") && status == 204) ? null
          : "a " + request.method() + " on " + request.uri() + " succeeded";
    }
    return null;
  }

  private static String judgeSession(FuzzRequest request, String route, FuzzReply reply) {
    int status = reply.status();
    Kind type = ReleaseOracle.contentType(request.header("Content-Type"));
    Kind body = shape(request.body(), route);
    Kind overall = type == Kind.INVALID || body == Kind.INVALID ? Kind.INVALID
        : type == Kind.EITHER || body == Kind.EITHER ? Kind.EITHER : Kind.VALID;
    if (overall == Kind.INVALID) {
      return status == 400 || status == 413 || status == 415 || status == 431 ? null
          : "an invalid " + route + " was not refused as such";
    }
    if (status == 503) {
      return null; // well-formed, then a dependency timed out: counted, bounded in the test
    }
    List<Integer> answers = switch (route) {
      case "login" -> isDemoLogin(request.body()) ? List.of(200, 401, 429) : List.of(401, 429);
      case "refresh" -> List.of(401);
      default -> List.of(204, 401);
    };
    if (answers.contains(status)) {
      return null;
    }
    return overall == Kind.EITHER && status >= 400 && status < 500 ? null
        : "a well-formed " + route + " got an unexpected answer";
  }

  private static String judgeJwks(FuzzRequest request, FuzzReply reply) {
    if (!request.method().equals("GET")) {
      return reply.status() >= 200 && reply.status() < 300 && !request.method().equals("HEAD")
          && !request.method().equals("OPTIONS") ? "a write to the JWKS succeeded" : null;
    }
    if (reply.status() != 200) {
      return "JWKS not served";
    }
    JsonObject jwks = reply.json();
    return jwks != null && !jwks.getJsonArray("keys").isEmpty() ? null : "JWKS without keys";
  }

  private String judgeAdmin(FuzzRequest request, Intent intent, FuzzReply reply) {
    int status = reply.status();
    boolean unread = (status == 413 || status == 415) && request.body() != null
        || status == 400 && request.uri().contains("%");
    if (intent.caller().equals("NOBODY")) {
      return status == 401 || status == 404 || unread ? null : "no admin token but not 401";
    }
    if (intent.caller().equals("VIEWER")) {
      return status == 403 || status == 404 || unread ? null : "a viewer administered users";
    }
    if (status == 503) {
      return null; // an admin's request reached a dependency that timed out: counted, bounded
    }
    if (intent.route().equals("disable")) {
      return status == 404 || status == 400 ? null : "disabled a user that does not exist";
    }
    if (status == 201) {
      if (shape(request.body(), "users") != Kind.VALID
          || ReleaseOracle.contentType(request.header("Content-Type")) == Kind.INVALID) {
        return "an invalid user was created";
      }
      created.incrementAndGet();
      return null;
    }
    boolean valid = shape(request.body(), "users") == Kind.VALID
        && ReleaseOracle.contentType(request.header("Content-Type")) == Kind.VALID;
    return valid && status != 409 ? "a valid user was not created"
        : status >= 400 && status < 500 ? null : "unexpected status";
  }

  private static boolean isDemoLogin(byte[] body) {
    String text = body == null ? "" : new String(body, StandardCharsets.UTF_8);
    return text.contains("merchant-");
  }

  /** The reference reading of a session or user body: shape only. */
  static Kind shape(byte[] body, String route) {
    if (body == null || body.length > Garbage.BODY_LIMIT) {
      return Kind.INVALID;
    }
    Map<String, Object> fields = new HashMap<>();
    boolean odd = false;
    try (JsonParser parser = JSON.createParser(body)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return Kind.INVALID;
      }
      JsonToken token;
      int depth = 0;
      while ((token = parser.nextToken()) != null) {
        if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
          odd |= ++depth > 30;
        } else if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
          if (depth-- == 0) {
            break;
          }
        } else if (depth == 0 && token == JsonToken.FIELD_NAME) {
          String name = parser.currentName();
          JsonToken value = parser.nextToken();
          if (value == JsonToken.START_ARRAY && name.equals("roles")) {
            List<Object> roles = new java.util.ArrayList<>();
            while ((value = parser.nextToken()) != JsonToken.END_ARRAY) {
              roles.add(value == JsonToken.VALUE_STRING ? parser.getText() : value);
              if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
                parser.skipChildren();
              }
            }
            fields.put(name, roles);
          } else {
            fields.put(name, value == JsonToken.VALUE_STRING ? parser.getText() : value);
            if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
              depth++;
            }
          }
        }
      }
      if (parser.nextToken() != null) {
        return Kind.INVALID;
      }
    } catch (Exception e) {
      return e.getMessage() != null && e.getMessage().contains("length") ? Kind.EITHER
          : Kind.INVALID;
    }
    Kind kind = switch (route) {
      case "login" -> text(fields.get("username"), 256) && text(fields.get("password"), 1024)
          ? Kind.VALID : Kind.INVALID;
      case "refresh", "logout" -> text(fields.get("refresh_token"), 256) ? Kind.VALID
          : Kind.INVALID;
      default -> user(fields);
    };
    return kind == Kind.VALID && odd ? Kind.EITHER : kind;
  }

  private static boolean text(Object value, int max) {
    return value instanceof String s && !s.isEmpty() && s.length() <= max;
  }

  private static Kind user(Map<String, Object> fields) {
    boolean username = fields.get("username") instanceof String name
        && name.matches("[A-Za-z0-9][A-Za-z0-9._@-]{2,63}");
    boolean password = fields.get("password") instanceof String p
        && p.codePointCount(0, p.length()) >= 12 && p.length() <= 1024;
    boolean roles = fields.get("roles") instanceof List<?> list && !list.isEmpty()
        && list.stream().allMatch(r -> List.of("admin", "merchant", "viewer").contains(r))
        && list.stream().distinct().count() == list.size();
    return username && password && roles ? Kind.VALID : Kind.INVALID;
  }
}
