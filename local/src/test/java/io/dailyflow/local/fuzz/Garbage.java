package io.dailyflow.local.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Random;

/**
 * Seeded generators of bad input, shared by the fuzz tests: random and mutated bytes, hostile JSON
 * shapes and numbers, unicode edge cases, garbage header values, query strings and paths.
 */
final class Garbage {

  static final int BODY_LIMIT = 64 * 1024;

  /** Amounts as JSON fragments that the contract refuses. */
  static final List<String> BAD_AMOUNTS = List.of("1e400", "-1e400", "1e-400", "-0", "0", "0.0",
      "-0.00", "\"-0\"", "\"0.00\"", "\"NaN\"", "\"nan\"", "\"Infinity\"", "\"-Infinity\"",
      "\"1e400\"", "\"1e2\"", "\"12.345\"", "12.345", "0.001", "\"12,30\"", "\" 12\"", "\"12 \"",
      "\"+12\"", "\"12.\"", "\".5\"", "\"\"", "\"-\"", "\"0x10\"", "\"１２\"", "\"١٢\"", "true",
      "false", "null", "{}", "[]", "[12]", "{\"amount\":1}", "1000000000000", "-1000000000000",
      "999999999999.991", "\"999999999999.999\"", "1000000000000.00", "9223372036854775807",
      "-9223372036854775808", "92233720368547758070", "1e2147483648", "1e-2147483649",
      "1E999999999", "123456789012345678901234567890.12", "0.000000000000000000000001",
      "\"1" + "0".repeat(60) + "\"", "1" + "0".repeat(400), "1" + "0".repeat(1200),
      "0." + "0".repeat(1500) + "1", "\"NaN\"", "-", "+1", ".5", "01.5e", "NaN", "Infinity",
      "0x10", "1_000", "\"12.30\" ", "[[[1]]]", "\"\\u0031\"", "1.0e-2", "12.300");

  /** Amounts the contract accepts, as JSON fragments, with their cents. */
  static final List<Object[]> GOOD_AMOUNTS = List.of(
      new Object[] {"12", 1200L}, new Object[] {"-12.3", -1230L},
      new Object[] {"\"1500.00\"", 150000L}, new Object[] {"0.01", 1L},
      new Object[] {"-0.01", -1L}, new Object[] {"999999999999.99", 99_999_999_999_999L},
      new Object[] {"-999999999999.99", -99_999_999_999_999L},
      new Object[] {"\"-999999999999.99\"", -99_999_999_999_999L},
      new Object[] {"\"0.10\"", 10L}, new Object[] {"7", 700L}, new Object[] {"-7.5", -750L});

  /** Descriptions the contract refuses (as JSON fragments). */
  static final List<String> BAD_DESCRIPTIONS = List.of("\"\"", "\" \"", "\"\\t\\n \"",
      "\"" + "a".repeat(256) + "\"", "\"" + "\uD83D\uDE00".repeat(256) + "\"", "\"a\\u0000b\"",
      "\"a\\u001fb\"", "\"a\\u007fb\"", "\"a\\u0085b\"", "\"a\\u0007\"", "\"\\u00a0\"",
      "\"\\u3000\"", "12", "true", "null", "{}", "[\"a\"]", "\"\\ud800\"", "\"a\\udc00b\"",
      "\"a\\u2028b\"", "\"\\uffff\"", "\"\\ufffe\"", "\"a\\r\\nb\"", "\"\\u001b[31mred\"");

  /** Descriptions the contract accepts (as JSON fragments). */
  static final List<String> GOOD_DESCRIPTIONS = List.of("\"Sale\"", "\"  padded  \"",
      "\"" + "a".repeat(255) + "\"", "\"" + "\uD83D\uDE00".repeat(255) + "\"", "\"café ☕\"",
      "\"e\\u0301\"", "\"\\u202eRTL\"", "\"<script>alert(1)</script>\"", "\"'; DROP TABLE x;--\"",
      "\"${jndi:ldap://x/a}\"", "\"%s%n%x\"", "\"a\\\\b\\\"c\"", "\"\\u00e9t\\u00e9\"",
      "\"日本語の説明\"", "\"\\ud83d\\ude00 emoji\"", "\"zero\\u200bwidth\"", "\"$where\"",
      "\"{\\\"$gt\\\":1}\"");

  static final List<String> CONTENT_TYPES = List.of("text/plain", "application/xml",
      "application/x-www-form-urlencoded", "multipart/form-data; boundary=xyz",
      "multipart/form-data", "", ";", "application/jsonx", "json", "application/ json",
      "application", "*/*", "application/octet-stream", "text/json", "application/json\u00e9",
      "application/json; charset=latin1", "application/json; charset=utf-16",
      "application/json;;;;", "APPLICATION/JSON", "application/problem+json",
      "application/vnd.x+json; v=1", "application/json, text/plain", "\u00ff\u00fe",
      "application/" + "x".repeat(3000), "application/json; boundary=" + "b".repeat(500));

  private Garbage() {
  }

  static <T> T pick(Random r, List<T> values) {
    return values.get(r.nextInt(values.size()));
  }

  static byte[] randomBytes(Random r, int max) {
    byte[] bytes = new byte[r.nextInt(max + 1)];
    r.nextBytes(bytes);
    return bytes;
  }

  /** Bytes that are not UTF-8: lone continuation bytes, overlong forms, surrogates, > U+10FFFF. */
  static byte[] invalidUtf8(Random r) {
    byte[][] sequences = {{(byte) 0xC3, 0x28}, {(byte) 0xA0, (byte) 0xA1},
        {(byte) 0xE2, 0x28, (byte) 0xA1}, {(byte) 0xF0, 0x28, (byte) 0x8C, (byte) 0xBC},
        {(byte) 0xFF}, {(byte) 0xFE}, {(byte) 0xC0, (byte) 0x80},
        {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xF4, (byte) 0x90, (byte) 0x80,
            (byte) 0x80}, {(byte) 0xE0, (byte) 0x80}, {(byte) 0xC3}};
    return sequences[r.nextInt(sequences.length)];
  }

  /** A JSON text cut, flipped, spliced: mostly not JSON any more, sometimes still JSON. */
  static byte[] mutate(Random r, byte[] valid) {
    byte[] bytes = valid;
    int rounds = 1 + r.nextInt(3);
    for (int i = 0; i < rounds && bytes.length > 0; i++) {
      int at = r.nextInt(bytes.length);
      bytes = switch (r.nextInt(7)) {
        case 0 -> slice(bytes, 0, at);
        case 1 -> replace(bytes, at, new byte[] {(byte) r.nextInt(256)});
        case 2 -> splice(bytes, at, token(r).getBytes(StandardCharsets.UTF_8));
        case 3 -> splice(slice(bytes, 0, at), at, slice(bytes, Math.min(bytes.length,
            at + 1 + r.nextInt(5)), bytes.length));
        case 4 -> splice(bytes, at, invalidUtf8(r));
        case 5 -> splice(bytes, at, slice(bytes, at, Math.min(bytes.length, at + r.nextInt(20))));
        default -> replace(bytes, at, new byte[] {(byte) (bytes[at] ^ (1 << r.nextInt(8)))});
      };
    }
    return bytes;
  }

  private static String token(Random r) {
    return pick(r, List.of("{", "}", "[", "]", "\"", "\\", ",", ":", "\\u", "\\ud800", "null",
        "-", "e", "E+", ".", "0", "1e400", "\u0000", " ", "\uFEFF", "/*", "'", "NaN", "\t",
        "\"amount\":1,", "\"description\":\"x\","));
  }

  static byte[] slice(byte[] bytes, int from, int to) {
    byte[] out = new byte[Math.max(0, to - from)];
    System.arraycopy(bytes, from, out, 0, out.length);
    return out;
  }

  static byte[] splice(byte[] bytes, int at, byte[] insert) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(bytes, 0, at);
    out.writeBytes(insert);
    out.write(bytes, at, bytes.length - at);
    return out.toByteArray();
  }

  private static byte[] replace(byte[] bytes, int at, byte[] with) {
    return splice(slice(bytes, 0, at), at, slice(bytes, at + 1, bytes.length));
  }

  /** Nesting deeper than any sane limit (33 to 20,000 levels), in one of a few places. */
  static String deepNesting(Random r, String validObjectWithoutBrace) {
    int depth = pick(r, List.of(33, 64, 1000, 5000, 20_000, 33 + r.nextInt(200)));
    String open = r.nextBoolean() ? "[" : "{\"a\":";
    String close = open.equals("[") ? "]" : "}";
    String nested = open.repeat(depth) + "1" + close.repeat(depth);
    return switch (r.nextInt(3)) {
      case 0 -> nested;
      case 1 -> "{\"extra\":" + nested + "," + validObjectWithoutBrace;
      default -> "{\"amount\":" + nested + ",\"description\":\"deep\"}";
    };
  }

  /** A body over the 64 KiB limit, well formed or not. */
  static byte[] huge(Random r, String validObject) {
    int size = BODY_LIMIT + 1 + r.nextInt(pick(r, List.of(10, 4096, 1 << 20)));
    return switch (r.nextInt(4)) {
      case 0 -> ("{\"description\":\"" + "x".repeat(size) + "\",\"amount\":1}")
          .getBytes(StandardCharsets.UTF_8);
      case 1 -> (" ".repeat(size) + validObject).getBytes(StandardCharsets.UTF_8);
      case 2 -> ("{\"pad\":[" + "1,".repeat(size / 2) + "1]," + validObject.substring(1))
          .getBytes(StandardCharsets.UTF_8);
      default -> {
        byte[] bytes = new byte[size];
        r.nextBytes(bytes);
        yield bytes;
      }
    };
  }

  /** A body that is JSON, but not a valid object of the expected shape. */
  static String wrongShape(Random r, String validObject) {
    String inner = validObject.substring(1, validObject.length() - 1);
    return switch (r.nextInt(14)) {
      case 0 -> "[" + validObject + "]";
      case 1 -> "\"" + validObject.replace("\"", "\\\"") + "\"";
      case 2 -> "null";
      case 3 -> "12";
      case 4 -> validObject + validObject;
      case 5 -> validObject + " x";
      case 6 -> "{" + inner + "," + inner + "}";
      case 7 -> "\uFEFF" + validObject;
      case 8 -> "/*c*/" + validObject;
      case 9 -> validObject.replace("\"", "'");
      case 10 -> "{" + inner + ",}";
      case 11 -> "{}";
      case 12 -> validObject.replace("\"description\"", "description");
      default -> "";
    };
  }

  static String unknownFields(Random r, String validObject) {
    String extra = pick(r, List.of("\"id\":\"forged-id\"", "\"company\":\"company-b\"",
        "\"status\":\"RECORDED\"", "\"date\":\"2001-01-01\"", "\"reverses\":\"x\"",
        "\"type\":\"DEBIT\"", "\"x\":" + "9".repeat(500), "\"$set\":{\"a\":1}",
        "\"__proto__\":{}", "\"amount2\":[1,2,{\"b\":null}]", "\"\":\"\"",
        "\"\\u0000\":1", "\"" + "k".repeat(2000) + "\":1"));
    return "{" + extra + "," + validObject.substring(1);
  }

  /** Something that is not a bearer token of this product. */
  static String badAuthorization(Random r, String validToken) {
    int cut = 1 + r.nextInt(validToken.length() - 1);
    String[] parts = validToken.split("\\.");
    return switch (r.nextInt(16)) {
      case 0 -> "Bearer " + validToken.substring(0, cut);
      case 1 -> "Bearer " + validToken.substring(0, validToken.length() / 2);
      case 2 -> "Bearer";
      case 3 -> "Bearer ";
      case 4 -> "";
      case 5 -> "Basic " + Base64.getEncoder().encodeToString("merchant-a:merchant-a-pass"
          .getBytes(StandardCharsets.UTF_8));
      case 6 -> "Bearer " + validToken + "x";
      case 7 -> "Bearer " + parts[0] + "." + parts[1] + ".";
      case 8 -> "Bearer " + parts[0] + "." + tamper(r, parts[1]) + "." + parts[2];
      case 9 -> "Bearer " + new String(randomPrintable(r, 1 + r.nextInt(300)));
      case 10 -> "Bearer a.b.c";
      case 11 -> "Bearer ..";
      case 12 -> "Bearer " + "a".repeat(10_000);
      case 13 -> "Bearer " + parts[1] + "." + parts[0] + "." + parts[2];
      case 14 -> "Token " + validToken;
      default -> "Bearer " + validToken.substring(cut) ;
    };
  }

  private static String tamper(Random r, String part) {
    char[] chars = part.toCharArray();
    int at = r.nextInt(chars.length);
    chars[at] = chars[at] == 'A' ? 'B' : 'A';
    return new String(chars);
  }

  static String randomPrintable(Random r, int length) {
    StringBuilder out = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      out.append((char) (0x21 + r.nextInt(0x5e)));
    }
    return out.toString();
  }

  /** A header value with characters a header may carry on the wire but that are odd. */
  static String oddHeaderValue(Random r) {
    return switch (r.nextInt(9)) {
      case 0 -> "";
      case 1 -> " ";
      case 2 -> "caf\u00e9";
      case 3 -> "\u00ff\u00fe\u0080";
      case 4 -> "a b\tc";
      case 5 -> randomPrintable(r, 129 + r.nextInt(300));
      case 6 -> randomPrintable(r, 1 + r.nextInt(40));
      case 7 -> "x".repeat(4000 + r.nextInt(5000));
      default -> "\"quoted\"";
    };
  }

  /** A query value: real-looking, out of range, malformed or wrongly percent-encoded. */
  static String queryValue(Random r) {
    return pick(r, List.of("2024-02-30", "2024-13-01", "0000-01-01", "9999-12-31",
        "+10000-01-01", "2024-1-1", "%EF%BC%92024-01-01", "", "%", "%zz", "%E0%A4%A",
        "%C3%28", "%00", "%2F", "2024-02-29", "2023-02-29", "-1", "0", "1", "500", "501",
        "1e2", "0x10", "99999999999999999999", "%D9%A3", "null", "undefined", "NaN", "[]",
        "2024-01-01T00:00:00Z", "2024-01-01%20", "%20%202024-01-01", "2024%2D01%2D01", "a+b",
        "x".repeat(5000), "2024-06-15", "1999-12-31", "2100-01-01", today(), today(),
        "%F0%9F%98%80", "%FF%FE", "%u0041", "..%2F..%2F", "'%20OR%201=1%20--", "$gt", "a%20b", "%2B1",
        randomPrintable(r, 1 + r.nextInt(20)).replace("#", "").replace("&", "")));
  }

  private static String today() {
    return FuzzProduct.today().toString();
  }

  /** A cursor: base64 of plausible and implausible contents, or not base64 at all. */
  static String cursor(Random r) {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    String content = pick(r, List.of("1:a", "-1:a", "99999999999999999999:a", ":", "1:",
        ":a", "abc", "0:" + "x".repeat(600), "1700000000000:id", "\u0000:\u0000",
        "9223372036854775807:z", "1:" + "\uD83D\uDE00"));
    return switch (r.nextInt(5)) {
      case 0 -> b64.encodeToString(content.getBytes(StandardCharsets.UTF_8));
      case 1 -> Base64.getEncoder().encodeToString(content.getBytes(StandardCharsets.UTF_8));
      case 2 -> randomPrintable(r, 1 + r.nextInt(600)).replace("#", "").replace("&", "");
      case 3 -> b64.encodeToString(randomBytes(r, 64));
      default -> "%%%" + content;
    };
  }

  /** A path under {@code base} that no route serves, or serves oddly. */
  static String oddPath(Random r, String base) {
    return switch (r.nextInt(16)) {
      case 0 -> base + "/" + randomPrintable(r, 1 + r.nextInt(60)).replace("?", "")
          .replace("#", "");
      case 1 -> base + "/%2F..%2F..%2Fetc%2Fpasswd";
      case 2 -> base + "/../" + base;
      case 3 -> "//" + base.substring(1);
      case 4 -> base + "/" + "a".repeat(200 + r.nextInt(4000));
      case 5 -> base + "/%zz";
      case 6 -> base + "/%";
      case 7 -> base + "/%C3%28";
      case 8 -> base + "/%00";
      case 9 -> base + ";jsessionid=1";
      case 10 -> base + "/a/b/c/d/e";
      case 11 -> "/" + randomPrintable(r, 1 + r.nextInt(30)).replace("?", "").replace("#", "");
      case 12 -> base + "/%2e%2e/%2e%2e/";
      case 13 -> base.toUpperCase();
      case 14 -> base + "/\u00e9\u00e8";
      default -> base + "/./";
    };
  }

  static String method(Random r) {
    return pick(r, List.of("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "TRACE",
        "CONNECT", "PROPFIND", "FOO", "get"));
  }
}
