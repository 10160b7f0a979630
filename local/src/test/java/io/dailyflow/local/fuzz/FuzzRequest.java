package io.dailyflow.local.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One request of a fuzz run, sent as is: any method, any raw URI (percent-encoding errors
 * included), any headers, any body bytes. {@code category} names the generator that made it, for
 * the report; {@code note} is free for the oracle (what the generator meant the request to be).
 */
record FuzzRequest(String service, String method, String uri, List<Map.Entry<String, String>> headers,
    byte[] body, String category, Object note) {

  static Builder to(String service, String method, String uri) {
    return new Builder(service, method, uri);
  }

  String header(String name) {
    return headers.stream().filter(h -> h.getKey().equalsIgnoreCase(name))
        .map(Map.Entry::getValue).findFirst().orElse(null);
  }

  long headerCount(String name) {
    return headers.stream().filter(h -> h.getKey().equalsIgnoreCase(name)).count();
  }

  /** Roughly how many bytes the request line and headers take on the wire. */
  int headerBytes() {
    return method.length() + uri.length() + 20 + headers.stream()
        .mapToInt(h -> h.getKey().length() + h.getValue().length() + 4).sum();
  }

  /** A short, printable description for a failure message (bodies cut to 300 characters). */
  String describe() {
    String text = body == null ? "<no body>" : new String(body, StandardCharsets.UTF_8);
    if (text.length() > 300) {
      text = text.substring(0, 300) + "...(" + body.length + " bytes)";
    }
    String uriText = uri.length() > 300 ? uri.substring(0, 300) + "...(" + uri.length() + ")" : uri;
    StringBuilder headerText = new StringBuilder();
    for (Map.Entry<String, String> h : headers) {
      String value = h.getValue().length() > 120
          ? h.getValue().substring(0, 120) + "...(" + h.getValue().length() + ")" : h.getValue();
      headerText.append(h.getKey()).append(": ").append(value).append("; ");
    }
    return "[" + category + "] " + method + " " + service + " " + uriText + " {" + headerText
        + "} " + text;
  }

  /** Assembles a request. */
  static final class Builder {
    private final String service;
    private final String method;
    private final String uri;
    private final List<Map.Entry<String, String>> headers = new ArrayList<>();
    private byte[] body;
    private String category = "?";
    private Object note;

    private Builder(String service, String method, String uri) {
      this.service = service;
      this.method = method;
      this.uri = uri;
    }

    Builder header(String name, String value) {
      if (value != null) {
        headers.add(Map.entry(name, value));
      }
      return this;
    }

    Builder body(byte[] bytes) {
      this.body = bytes;
      return this;
    }

    Builder body(String text) {
      this.body = text == null ? null : text.getBytes(StandardCharsets.UTF_8);
      return this;
    }

    Builder category(String name) {
      this.category = name;
      return this;
    }

    Builder note(Object value) {
      this.note = value;
      return this;
    }

    FuzzRequest build() {
      return new FuzzRequest(service, method, uri, List.copyOf(headers), body, category, note);
    }
  }
}
