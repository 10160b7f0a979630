package io.dailyflow.common.http;

import io.dailyflow.common.bus.FailureCode;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.Future;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes every error of the product as {@code application/problem+json}. Also the router's
 * failure handler: maps exceptions, event-bus failure codes and framework status codes to
 * problems; anything unexpected is a 500 with an error id that is logged with the stack trace.
 */
public final class Problems {

  public static final String CONTENT_TYPE = "application/problem+json; charset=utf-8";

  private static final Logger LOG = LoggerFactory.getLogger(Problems.class);

  private Problems() {
  }

  public static void send(RoutingContext ctx, Problem problem) {
    HttpServerResponse response = ctx.response();
    if (response.headWritten()) {
      response.reset();
      return;
    }
    response.setStatusCode(problem.status())
        .putHeader(HttpHeaders.CONTENT_TYPE, CONTENT_TYPE);
    if (response.headers().get(RequestIds.HEADER) == null) {
      response.putHeader(RequestIds.HEADER, RequestIds.newId());
    }
    if (problem.retryAfterSeconds() > 0) {
      response.putHeader(HttpHeaders.RETRY_AFTER, Integer.toString(problem.retryAfterSeconds()));
    }
    if (problem.status() == 401) {
      response.putHeader("WWW-Authenticate", "Bearer realm=\"dailyflow\"");
    }
    Future<Void> answered = response.end(problem.toJson().toBuffer());
    // An early answer (413 from the declared length, 415 for a form) leaves the body unread.
    UnreadBodies.discard(ctx.vertx(), ctx.request(), answered);
  }

  /**
   * For {@code HttpServer.invalidRequestHandler}: a request the HTTP decoder could not read (line
   * or headers too long, malformed request line) gets a problem too, with a request id and
   * {@code Connection: close} (the connection cannot be reused), instead of Vert.x's empty answer.
   * Vert.x closes such a connection as soon as the answer is written; the close lingers
   * ({@link LingeringClose}) so that a client still sending a body reads the answer rather than a
   * reset.
   */
  public static void invalidRequest(HttpServerRequest request) {
    Throwable cause = request.decoderResult().cause();
    Problem problem = cause instanceof TooLongHttpLineException
        ? Problem.of(414, "URI Too Long", "The request line is too long")
        : cause instanceof TooLongHttpHeaderException
            ? Problem.of(431, "Request Header Fields Too Large", "The headers are too large")
            : Problem.badRequest("The request could not be read");
    LingeringClose.install(request.connection());
    HttpServerResponse response = request.response();
    response.setStatusCode(problem.status())
        .putHeader(HttpHeaders.CONTENT_TYPE, CONTENT_TYPE)
        .putHeader(RequestIds.HEADER, RequestIds.newId())
        .putHeader(HttpHeaders.CONNECTION, "close")
        .end(problem.toJson().toBuffer())
        .onComplete(done -> request.connection().close());
  }

  /** Failure handler for every router: {@code router.route().failureHandler(Problems::handle)}. */
  public static void handle(RoutingContext ctx) {
    send(ctx, toProblem(ctx));
  }

  static Problem toProblem(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    if (failure instanceof ProblemException pe) {
      return pe.problem();
    }
    if (failure instanceof ReplyException re) {
      return fromReply(ctx, re);
    }
    if (failure instanceof HttpException he) {
      return fromStatus(ctx, he.getStatusCode());
    }
    if (failure == null && ctx.statusCode() > 0) {
      return fromStatus(ctx, ctx.statusCode());
    }
    return unexpected(ctx, failure);
  }

  /** Maps a failed event-bus request: the consumer's {@code msg.fail(code, text)} decides. */
  public static Problem fromReply(RoutingContext ctx, ReplyException re) {
    if (re.failureType() == ReplyFailure.TIMEOUT || re.failureType() == ReplyFailure.NO_HANDLERS) {
      return Problem.unavailable("A dependency of this service did not answer; try again", 2);
    }
    return switch (FailureCode.of(re.failureCode())) {
      case INVALID -> Problem.badRequest(re.getMessage());
      case NOT_FOUND -> Problem.notFound(re.getMessage());
      case CONFLICT -> Problem.conflict(re.getMessage());
      case UNAVAILABLE -> Problem.unavailable(re.getMessage(), 2);
      case INTERNAL -> unexpected(ctx, re);
    };
  }

  private static Problem fromStatus(RoutingContext ctx, int status) {
    return switch (status) {
      case 400 -> Problem.badRequest("The request could not be read");
      case 401 -> Problem.unauthorized("A valid bearer token is required");
      case 403 -> Problem.forbidden("Not allowed");
      case 404 -> Problem.notFound("No such resource: " + ctx.request().path());
      case 405 -> Problem.of(405, "Method Not Allowed",
          ctx.request().method() + " is not supported here");
      case 413 -> Problem.of(413, "Payload Too Large", "The body is larger than 64 KiB");
      case 415 -> Problem.of(415, "Unsupported Media Type", "Send application/json");
      case 503 -> Problem.unavailable("A dependency is down", 2);
      default -> status >= 400 && status < 500
          ? Problem.of(status, "Client Error", "The request was refused")
          : unexpected(ctx, null);
    };
  }

  private static Problem unexpected(RoutingContext ctx, Throwable failure) {
    String errorId = RequestIds.newId();
    LOG.error("Unexpected error {} on {} {} (request {})", errorId, ctx.request().method(),
        ctx.request().path(), RequestIds.of(ctx), failure);
    return Problem.of(500, "Internal Server Error",
        "Unexpected error; quote error id " + errorId);
  }
}
