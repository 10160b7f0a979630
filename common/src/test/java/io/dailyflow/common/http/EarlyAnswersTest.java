package io.dailyflow.common.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.Router;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A request answered before its body was read (413 from the declared length, 415 for a form): the
 * server drains what the client still sends, so the client can finish its request, read the
 * problem, and reuse the connection; but only so much, then it closes ({@link UnreadBodies}).
 * Plain sockets, so the test sees exactly what goes over the wire; the next request on the same
 * connection is written only after the whole body, as a real client does.
 */
class EarlyAnswersTest {

  private static final int LIMIT = 65_536;
  private static final int BIG = 4 * 1024 * 1024;

  private static Vertx vertx;
  private static int port;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    Router router = ApiRouter.create(vertx, LIMIT, List.of());
    router.post("/echo").handler(ctx -> ctx.response().end("ok"));
    port = vertx.createHttpServer().invalidRequestHandler(Problems::invalidRequest)
        .requestHandler(router).listen(0)
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).actualPort();
  }

  @AfterAll
  static void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void aDeclaredLengthOverTheLimitIs413AndTheConnectionServesTheNextRequest() throws Exception {
    List<String> answers = exchange(request("POST", "application/json", BIG), smallPost());
    assertThat(answers).hasSize(2);
    assertThat(answers.get(0)).startsWith("HTTP/1.1 413")
        .contains("application/problem+json").contains("\"status\":413");
    assertThat(answers.get(1)).startsWith("HTTP/1.1 200").endsWith("ok");
  }

  @Test
  void aFormBodyIs415AndTheConnectionServesTheNextRequest() throws Exception {
    List<String> answers = exchange(
        request("POST", "application/x-www-form-urlencoded", BIG), smallPost());
    assertThat(answers).hasSize(2);
    assertThat(answers.get(0)).startsWith("HTTP/1.1 415").contains("\"status\":415");
    assertThat(answers.get(1)).startsWith("HTTP/1.1 200").endsWith("ok");
  }

  @Test
  void aChunkedBodyOverTheLimitIs413AndTheConnectionServesTheNextRequest() throws Exception {
    byte[] chunk = "x".repeat(8192).getBytes(StandardCharsets.US_ASCII);
    ByteArrayOutputStream chunked = new ByteArrayOutputStream();
    chunked.write(("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n"
        + "Transfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    for (int sent = 0; sent < BIG; sent += chunk.length) {
      chunked.write(("2000\r\n").getBytes(StandardCharsets.US_ASCII));
      chunked.write(chunk);
      chunked.write("\r\n".getBytes(StandardCharsets.US_ASCII));
    }
    chunked.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    List<String> answers = exchange(chunked.toByteArray(), smallPost());
    assertThat(answers).hasSize(2);
    assertThat(answers.get(0)).startsWith("HTTP/1.1 413");
    assertThat(answers.get(1)).startsWith("HTTP/1.1 200").endsWith("ok");
  }

  @Test
  void aBodyFarBeyondWhatIsDrainedGetsItsAnswerAndThenTheConnectionIsClosed() throws Exception {
    int huge = (int) (UnreadBodies.DRAIN_LIMIT_BYTES * 3);
    assertThat(answerThenClosed(head("POST", "application/json", huge), huge))
        .startsWith("HTTP/1.1 413").contains("\"status\":413");
  }

  @Test
  void headersTooLargeWithABodyStillGetTheirAnswerBeforeTheConnectionCloses() throws Exception {
    byte[] head = ("GET /echo HTTP/1.1\r\nHost: t\r\nX-Big: " + "x".repeat(10_000)
        + "\r\nContent-Length: " + (1 << 20) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    assertThat(answerThenClosed(head, 1 << 20))
        .startsWith("HTTP/1.1 431").contains("\"status\":431");
  }

  /**
   * Writes {@code head} and {@code bodyBytes} zero bytes while reading the answer; returns it once
   * the server has closed the connection (what is left of the body is then not wanted).
   */
  private static String answerThenClosed(byte[] head, int bodyBytes) throws Exception {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(20_000);
      CompletableFuture<Void> writing = CompletableFuture.runAsync(() -> {
        try {
          OutputStream out = socket.getOutputStream();
          out.write(head);
          byte[] block = new byte[64 * 1024];
          for (int sent = 0; sent < bodyBytes; sent += block.length) {
            out.write(block, 0, Math.min(block.length, bodyBytes - sent));
          }
        } catch (IOException closed) {
          // closed after the answer
        }
      });
      String answer = readAnswer(socket.getInputStream());
      writing.get(20, TimeUnit.SECONDS);
      assertThat(closedByPeer(socket)).as("closed by the server").isTrue();
      return answer;
    }
  }

  /**
   * The same through a pooled keep-alive client, as the fuzz tests send it. Vert.x closes the
   * connection at once after answering a request its decoder could not read, with the body still
   * arriving; without {@link LingeringClose} that close is a reset that destroys the answer, and
   * about one in six of these requests got HttpClosedException instead of the 431.
   */
  @Test
  void linesAndHeadersTooLongWithABodyAreAnsweredThroughAPooledClient() throws Exception {
    Vertx clientVertx = Vertx.vertx();
    try {
      HttpClient client = clientVertx.createHttpClient(new HttpClientOptions().setKeepAlive(true)
              .setMaxInitialLineLength(64 * 1024).setMaxHeaderSize(64 * 1024),
          new PoolOptions().setHttp1MaxSize(16).setMaxWaitQueueSize(-1));
      List<Future<Integer>> answers = new ArrayList<>();
      for (int i = 0; i < 64; i++) {
        boolean longLine = i % 2 == 1;
        String uri = longLine ? "/echo?q=" + "x".repeat(10_000) : "/echo";
        answers.add(client.request(new RequestOptions().setHost("127.0.0.1").setPort(port)
                .setMethod(HttpMethod.GET).setURI(uri))
            .compose(request -> {
              if (!longLine) {
                request.putHeader("X-Big", "x".repeat(10_000));
              }
              return request.send(Buffer.buffer(new byte[1 << 20]));
            })
            .compose(response -> response.body().map(b -> response.statusCode())));
      }
      Future.join(answers).toCompletionStage().toCompletableFuture()
          .handle((ok, e) -> null).get(60, TimeUnit.SECONDS);
      for (int i = 0; i < answers.size(); i++) {
        assertThat(answers.get(i).result()).as("answer %d (%s)", i, answers.get(i).cause())
            .isEqualTo(i % 2 == 1 ? 414 : 431);
      }
    } finally {
      clientVertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  /**
   * What the fuzz tests found: many keep-alive clients at once sending bodies over the limit (up
   * to 1 MiB past it, declared or chunked, GET or POST, any content type); every one is answered.
   */
  @Test
  void concurrentOversizedBodiesOnPooledConnectionsAreAllAnswered() throws Exception {
    Vertx clientVertx = Vertx.vertx();
    try {
      HttpClient client = clientVertx.createHttpClient(new HttpClientOptions().setKeepAlive(true),
          new PoolOptions().setHttp1MaxSize(48).setMaxWaitQueueSize(-1));
      Random random = new Random(42);
      List<Future<Integer>> answers = new ArrayList<>();
      for (int i = 0; i < 400; i++) {
        int size = LIMIT + 1 + random.nextInt(List.of(10, 4096, 1 << 20).get(random.nextInt(3)));
        byte[] body = new byte[size]; // what it holds does not matter past the limit
        HttpMethod method = random.nextBoolean() ? HttpMethod.GET : HttpMethod.POST;
        String type = List.of("application/json", "*/*", "text/plain",
            "application/x-www-form-urlencoded").get(random.nextInt(4));
        boolean chunked = random.nextInt(4) == 0;
        answers.add(client.request(new RequestOptions().setHost("127.0.0.1").setPort(port)
                .setMethod(method).setURI(random.nextBoolean() ? "/echo" : "/nowhere"))
            .compose(request -> {
              request.putHeader("Content-Type", type).setChunked(chunked);
              return request.send(Buffer.buffer(body));
            })
            .compose(response -> response.body().map(b -> response.statusCode())));
      }
      Future.join(answers).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
      assertThat(answers).allSatisfy(answer -> assertThat(answer.result()).isIn(413, 415));
    } finally {
      clientVertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  /** End of stream, or a reset: the peer closed with bytes of ours unread. */
  private static boolean closedByPeer(Socket socket) throws IOException {
    try {
      return socket.getInputStream().read() == -1;
    } catch (java.net.SocketException reset) {
      return true;
    }
  }

  /** Writes the requests one after the other on one connection and reads an answer each. */
  private static List<String> exchange(byte[]... requests) throws Exception {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(20_000);
      CompletableFuture<Void> writing = CompletableFuture.runAsync(() -> {
        try {
          for (byte[] request : requests) {
            socket.getOutputStream().write(request);
          }
        } catch (IOException e) {
          throw new IllegalStateException(e);
        }
      });
      List<String> answers = new ArrayList<>();
      InputStream in = socket.getInputStream();
      for (int i = 0; i < requests.length; i++) {
        answers.add(readAnswer(in));
      }
      writing.get(20, TimeUnit.SECONDS);
      return answers;
    }
  }

  private static byte[] smallPost() {
    return request("POST", "application/json", 2);
  }

  private static byte[] request(String method, String type, int length) {
    byte[] head = head(method, type, length);
    byte[] request = new byte[head.length + length];
    System.arraycopy(head, 0, request, 0, head.length);
    request[head.length] = '{';
    request[request.length - 1] = '}';
    return request;
  }

  private static byte[] head(String method, String type, int length) {
    return (method + " /echo HTTP/1.1\r\nHost: t\r\nContent-Type: " + type
        + "\r\nContent-Length: " + length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
  }

  /** One HTTP/1.1 answer with a Content-Length body, as text. */
  private static String readAnswer(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("connection closed before an answer; got " + head);
      }
      head.write(b);
    }
    String headers = head.toString(StandardCharsets.ISO_8859_1);
    int length = 0;
    for (String line : headers.split("\r\n")) {
      if (line.toLowerCase().startsWith("content-length:")) {
        length = Integer.parseInt(line.substring(15).strip());
      }
    }
    byte[] body = in.readNBytes(length);
    return headers + new String(body, StandardCharsets.UTF_8);
  }
}
