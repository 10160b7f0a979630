package io.dailyflow.local.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Ten thousand random and mutated requests against the Consolidated API of a running product
 * whose book holds known releases: every 200 must report exactly that book (for the caller's
 * company only), every error must be a problem, and nothing may hang or answer 5xx.
 */
class ConsolidatedFuzzTest {

  private static final int REQUESTS = 10_000;
  private static final long SEED = Long.getLong("fuzz.seed", System.nanoTime());
  private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

  private static FuzzProduct product;
  private static final Map<String, Ledger> ledgers = Map.of("A", new Ledger(), "B", new Ledger());
  private static final Map<String, String> tokens = new java.util.HashMap<>();

  @BeforeAll
  static void startProductWithAKnownBook() throws Exception {
    product = FuzzProduct.start("consolidated-fuzz");
    tokens.put("A", product.login("merchant-a", "merchant-a-pass"));
    tokens.put("B", product.login("merchant-b", "merchant-b-pass"));
    tokens.put("VIEWER", product.login("viewer-a", "viewer-a-pass"));
    String[] amountsA = {"0.01", "-0.01", "999999999999.99", "-999999999999.99", "12.30",
        "\"-7.45\"", "100", "-0.99", "\"42.42\"", "3"};
    for (String amount : amountsA) {
      post("A", amount);
    }
    post("B", "7");
    post("B", "-2.50");
    for (Map.Entry<String, Ledger> ledger : ledgers.entrySet()) {
      for (String date : ledger.getValue().dates(FuzzProduct.today().toString())) {
        ledger.getValue().assertRecordedExactly(product, tokens.get(ledger.getKey()), date);
      }
    }
  }

  private static void post(String company, String amount) throws Exception {
    var reply = product.post("releases", "/releases", tokens.get(company),
        "{\"description\":\"known\",\"amount\":" + amount + "}", Map.of());
    assertThat(reply.statusCode()).as(reply.body()).isEqualTo(202);
    JsonObject accepted = new JsonObject(reply.body());
    ledgers.get(company).accept(new Ledger.Entry(accepted.getString("id"),
        Ledger.cents(accepted.getString("amount")), accepted.getString("date"), null));
  }

  @AfterAll
  static void stopProduct() {
    if (product != null) {
      product.close();
    }
  }

  /** Who asks, and which route the generator aimed at. */
  record Intent(String caller, String route) {
  }

  private final Random random = new Random(SEED);

  @Test
  void tenThousandBadRequestsGetProblemsAndEveryReportIsExactlyTheCallersBook()
      throws Exception {
    System.out.println("ConsolidatedFuzzTest seed " + SEED + " (rerun with -Dfuzz.seed=" + SEED
        + ")");
    FuzzReport report = new FuzzReport();
    try (FuzzSender sender = new FuzzSender(product, 48)) {
      sender.run(REQUESTS, this::next, this::judge, report);
    }
    System.out.println(report.summary("ConsolidatedFuzzTest", SEED));
    report.violations().forEach(v -> System.out.println("VIOLATION " + v));
    report.retriedSamples().forEach(r -> System.out.println("RETRIED " + r));

    assertThat(report.sent()).isGreaterThanOrEqualTo(REQUESTS);
    assertThat(report.violations()).as("seed " + SEED).isEmpty();
    assertThat(report.count(503)).as("503s").isLessThanOrEqualTo(
        (long) (REQUESTS * FuzzSender.MAX_503_SHARE));
    assertThat(report.count(200)).as("some reports were served").isPositive();
    for (String service : FuzzProduct.SERVICES) {
      assertThat(product.get(service, "/health/live", null).statusCode()).isEqualTo(200);
    }
    for (Map.Entry<String, Ledger> ledger : ledgers.entrySet()) {
      for (String date : ledger.getValue().dates(FuzzProduct.today().toString())) {
        ledger.getValue().assertRecordedExactly(product, tokens.get(ledger.getKey()), date);
      }
    }
  }

  // ---------------------------------------------------------------- generation

  private FuzzRequest next() {
    int roll = random.nextInt(100);
    if (roll < 35) {
      return get("daily", "/consolidated/daily" + query("date"));
    } else if (roll < 70) {
      return get("range", "/consolidated" + rangeQuery());
    } else if (roll < 82) {
      FuzzRequest.Builder request = FuzzRequest.to("consolidated", "GET",
          random.nextBoolean() ? "/consolidated/daily" : "/consolidated?from=" + today()
              + "&to=" + today()).category("authorization")
          .note(new Intent("NOBODY", null));
      if (random.nextInt(8) > 0) {
        request.header("Authorization", Garbage.badAuthorization(random,
            tokens.get(random.nextBoolean() ? "A" : "B")));
      }
      return request.build();
    } else if (roll < 90) {
      FuzzRequest.Builder request = caller(FuzzRequest.to("consolidated", "GET",
          "/consolidated/daily"), "daily").category("headers");
      request.header("X-Request-Id", Garbage.oddHeaderValue(random));
      if (random.nextBoolean()) {
        request.header("Content-Type", Garbage.pick(random, Garbage.CONTENT_TYPES));
        request.body(random.nextInt(5) == 0 ? Garbage.huge(random, "{\"a\":1}")
            : Garbage.randomBytes(random, 200));
      }
      return request.build();
    } else {
      String path = random.nextBoolean() ? Garbage.oddPath(random, "/consolidated")
          : Garbage.pick(random, List.of("/consolidated", "/consolidated/daily",
              "/consolidated/", "/consolidated/daily/", "/consolidated/weekly", "/releases",
              "/auth/login", "/health/ready", "/metrics", "/openapi.yaml"));
      return caller(FuzzRequest.to("consolidated", Garbage.method(random), path), null)
          .category("path-method").body(random.nextBoolean() ? null : "{}").build();
    }
  }

  private FuzzRequest get(String route, String uri) {
    return caller(FuzzRequest.to("consolidated", "GET", uri), route).category(route).build();
  }

  private FuzzRequest.Builder caller(FuzzRequest.Builder request, String route) {
    int roll = random.nextInt(10);
    String caller = roll < 6 ? "A" : roll < 8 ? "B" : roll < 9 ? "VIEWER" : "NOBODY";
    if (!caller.equals("NOBODY")) {
      request.header("Authorization", "Bearer " + tokens.get(caller));
    }
    return request.note(new Intent(caller, route));
  }

  private String query(String... names) {
    StringBuilder query = new StringBuilder();
    int params = random.nextInt(4);
    for (int i = 0; i < params; i++) {
      String name = random.nextInt(6) == 0 ? Garbage.pick(random, List.of("x", "DATE", "date[]",
          "from", "%64ate", "")) : names[random.nextInt(names.length)];
      query.append(i == 0 ? '?' : '&').append(name).append('=').append(dateValue());
    }
    if (random.nextInt(12) == 0) {
      query.append(query.length() == 0 ? "?" : "&").append(Garbage.pick(random,
          List.of("date", "=", "&&", "%=%", "date==" + today(), "date=" + today() + "=x")));
    }
    return query.toString();
  }

  private String rangeQuery() {
    if (random.nextInt(3) == 0) {
      LocalDate from = FuzzProduct.today().minusDays(random.nextInt(400));
      LocalDate to = from.plusDays(random.nextInt(3) == 0 ? 364 + random.nextInt(4)
          : random.nextInt(40) - 5);
      return "?from=" + from + "&to=" + to;
    }
    return query("from", "to");
  }

  private String dateValue() {
    return random.nextInt(3) == 0 ? today() : Garbage.queryValue(random);
  }

  private static String today() {
    return FuzzProduct.today().toString();
  }

  // ---------------------------------------------------------------- judging

  private void judge(FuzzRequest request, FuzzReply reply) {
    Intent intent = (Intent) request.note();
    int status = reply.status();
    String problem = null;
    if (intent.route() == null) {
      if (status >= 200 && status < 300 && request.uri().startsWith("/consolidated")) {
        problem = !request.method().equals("GET") ? "a " + request.method() + " succeeded"
            : intent.caller().equals("NOBODY") ? "a report without a token" : null;
        problem = problem != null ? problem : checkReport(intent, reply);
      }
    } else if (intent.caller().equals("NOBODY")) {
      problem = status == 401 || (status == 413 && request.body() != null)
          || (status == 415 && request.body() != null) ? null : "no token but not 401";
    } else if (status == 503) {
      problem = null; // a dependency timed out on an overloaded machine: counted, bounded below
    } else if (status == 200) {
      problem = checkReport(intent, reply);
      if (problem == null) {
        problem = matchesQuery(request, reply.json());
      }
    } else if (status == 400) {
      problem = mustSucceed(request) ? "a well-formed report request was refused" : null;
    } else if (!(status == 413 || status == 415) || request.body() == null) {
      problem = "unexpected status";
    }
    if (problem != null) {
      throw new AssertionError(problem + " (status " + status + ", body "
          + FuzzSender.abbreviate(reply.text()) + ")");
    }
  }

  /** A 200 body is exactly the caller's book. */
  private static String checkReport(Intent intent, FuzzReply reply) {
    JsonObject body = reply.json();
    if (body == null) {
      return "a 200 that is not JSON";
    }
    Ledger ledger = ledgers.get(intent.caller().equals("B") ? "B" : "A");
    if (body.containsKey("days")) {
      JsonArray days = body.getJsonArray("days");
      LocalDate from = LocalDate.parse(body.getString("from"));
      LocalDate to = LocalDate.parse(body.getString("to"));
      long length = ChronoUnit.DAYS.between(from, to) + 1;
      if (length < 1 || length > 366 || days.size() != length) {
        return "a range of the wrong length";
      }
      long credits = 0;
      long debits = 0;
      long count = 0;
      for (int i = 0; i < days.size(); i++) {
        JsonObject day = days.getJsonObject(i);
        JsonObject expected = ledger.expectedDaily(from.plusDays(i).toString());
        expected.remove("currency");
        if (!day.equals(expected)) {
          return "day " + day + " is not " + expected;
        }
        credits += Ledger.cents(day.getString("credits"));
        debits += Ledger.cents(day.getString("debits"));
        count += day.getInteger("count");
      }
      JsonObject totals = body.getJsonObject("totals");
      if (Ledger.cents(totals.getString("credits")) != credits
          || Ledger.cents(totals.getString("debits")) != debits
          || Ledger.cents(totals.getString("balance")) != credits - debits
          || totals.getInteger("count") != count || !"BRL".equals(body.getString("currency"))) {
        return "range totals are not the sum of the days";
      }
      return null;
    }
    JsonObject expected = ledger.expectedDaily(body.getString("date"));
    return body.equals(expected) ? null : "daily report is not " + expected;
  }

  /** The report is for the dates asked (or today when none was asked). */
  private static String matchesQuery(FuzzRequest request, JsonObject body) {
    Map<String, List<String>> params = params(request.uri());
    if (params == null) {
      return null; // the product read a query this oracle could not: judged by checkReport only
    }
    if (body.containsKey("days")) {
      return body.getString("from").equals(only(params, "from"))
          && body.getString("to").equals(only(params, "to")) ? null : "range of other dates";
    }
    String date = only(params, "date");
    return body.getString("date").equals(date == null ? today() : date) ? null
        : "daily report of another date";
  }

  /** True when the query is certainly well formed: each date once, real calendar dates. */
  private static boolean mustSucceed(FuzzRequest request) {
    Map<String, List<String>> params = params(request.uri());
    if (params == null || request.uri().contains("%") || request.uri().contains("+")) {
      return false;
    }
    boolean range = request.uri().split("\\?", 2)[0].equals("/consolidated");
    List<String> names = range ? List.of("from", "to") : List.of("date");
    for (String name : names) {
      List<String> values = params.getOrDefault(name, List.of());
      if (values.size() > 1 || (range && values.isEmpty())) {
        return false;
      }
      if (values.size() == 1 && date(values.get(0)) == null) {
        return false;
      }
    }
    if (range) {
      long days = ChronoUnit.DAYS.between(date(params.get("from").get(0)),
          date(params.get("to").get(0))) + 1;
      return days >= 1 && days <= 366;
    }
    return true;
  }

  private static LocalDate date(String text) {
    if (!ISO_DATE.matcher(text).matches()) {
      return null;
    }
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static String only(Map<String, List<String>> params, String name) {
    List<String> values = params.getOrDefault(name, List.of());
    return values.size() == 1 ? values.get(0) : null;
  }

  private static Map<String, List<String>> params(String uri) {
    int question = uri.indexOf('?');
    Map<String, List<String>> params = new java.util.HashMap<>();
    if (question < 0) {
      return params;
    }
    try {
      for (String pair : uri.substring(question + 1).split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        String[] parts = pair.split("=", 2);
        // Vert.x reads query parameter names case-insensitively ("DATE" is "date").
        String name = URLDecoder.decode(parts[0], StandardCharsets.UTF_8).toLowerCase();
        String value = parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8)
            : "";
        params.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
      }
      return params;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
