package io.dailyflow.auth.login;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;

/**
 * The address a login is throttled by. The socket's peer unless Auth runs behind a trusted proxy
 * ({@code auth.trust-forwarded-for}); then the last {@code X-Forwarded-For} hop, the one that
 * proxy appended (earlier hops are whatever the client sent, so they are never trusted).
 */
public final class ClientAddress {

  private static final int MAX_LENGTH = 64;

  private ClientAddress() {
  }

  public static String of(HttpServerRequest request, boolean trustForwardedFor) {
    if (trustForwardedFor) {
      String forwarded = lastHop(request.getHeader("X-Forwarded-For"));
      if (forwarded != null) {
        return forwarded;
      }
    }
    SocketAddress peer = request.remoteAddress();
    if (peer == null) {
      return "unknown";
    }
    return peer.hostAddress() != null ? peer.hostAddress() : peer.toString();
  }

  static String lastHop(String header) {
    if (header == null) {
      return null;
    }
    String[] hops = header.split(",");
    String last = hops[hops.length - 1].strip();
    return last.isEmpty() || last.length() > MAX_LENGTH ? null : last;
  }
}
