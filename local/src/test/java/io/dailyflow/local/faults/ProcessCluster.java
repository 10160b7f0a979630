package io.dailyflow.local.faults;

import io.dailyflow.common.auth.RsaKeys;
import io.dailyflow.common.testing.TestPorts;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * DailyFlow as separate operating-system processes, started from the packaged jars with
 * {@code java -jar} (the test's own JVM binary), so a fault test can SIGKILL any one of them:
 * three {@code infra} processes of the local jar (SQS, MongoDB, Redis, one server each), and the
 * Auth, Releases, Consolidated and consumer jars. Every process gets random free ports, a temp data
 * directory and temp key files through environment overrides; its output goes to a file under
 * {@code local/target/fault-tests/}. {@link #close()} kills everything, orphans included.
 */
final class ProcessCluster implements AutoCloseable {

  static final String SQS = "sqs";
  static final String MONGO = "mongo";
  static final String REDIS = "redis";
  static final String AUTH = "auth";
  static final String RELEASES = "releases";
  static final String CONSOLIDATED = "consolidated";

  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
  private static final List<String> JVM_OPTIONS = List.of("-Xmx256m", "-XX:+UseSerialGC",
      "-XX:TieredStopAtLevel=1", "-Xshare:auto");

  private final Path repoRoot;
  private final Path work;
  private final Map<String, Integer> ports = new HashMap<>();
  private final Map<String, String> extraEnv = new HashMap<>();
  private final Map<String, Process> running = new LinkedHashMap<>();
  private final Map<String, Integer> starts = new HashMap<>();
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(2)).build();

  ProcessCluster(String name, Map<String, String> extraEnv) throws IOException {
    this.repoRoot = repoRoot();
    this.work = repoRoot.resolve("local/target/fault-tests")
        .resolve(name + "-" + Instant.now().toEpochMilli());
    Files.createDirectories(work.resolve("logs"));
    this.extraEnv.putAll(extraEnv);
    RsaKeys.ensureKeyPair(privateKey(), publicKey());
    Files.writeString(seedFile(), seed().encodePrettily());
  }

  static Path repoRoot() {
    return Path.of(System.getProperty("dailyflow.repo.root", "..")).toAbsolutePath().normalize();
  }

  Path work() {
    return work;
  }

  Path dataDir() {
    return work.resolve("data");
  }

  private Path privateKey() {
    return work.resolve("keys/private.pem");
  }

  private Path publicKey() {
    return work.resolve("keys/public.pem");
  }

  private Path seedFile() {
    return work.resolve("users.json");
  }

  /** One company and one merchant per scenario, so scenarios sharing a cluster never mix. */
  static String company(int scenario) {
    return "fault-" + scenario;
  }

  static String username(int scenario) {
    return "merchant-f" + scenario;
  }

  static String password(int scenario) {
    return "fault-password-" + scenario;
  }

  private static JsonObject seed() {
    JsonArray companies = new JsonArray();
    JsonArray users = new JsonArray();
    for (int scenario = 1; scenario <= 9; scenario++) {
      companies.add(new JsonObject().put("id", company(scenario))
          .put("name", "Fault scenario " + scenario).put("zone", "America/Sao_Paulo"));
      users.add(new JsonObject().put("username", username(scenario))
          .put("password", password(scenario)).put("company", company(scenario))
          .put("roles", new JsonArray().add("merchant")));
    }
    return new JsonObject().put("companies", companies).put("users", users);
  }

  int port(String name) {
    return ports.computeIfAbsent(name, n -> TestPorts.free());
  }

  String sqsEndpoint() {
    return "http://127.0.0.1:" + port(SQS);
  }

  /** The environment every process shares: where the others listen, keys, seed, small pools. */
  private Map<String, String> baseEnvironment() {
    Map<String, String> env = new HashMap<>();
    env.put("DAILYFLOW_CONF_DIR", repoRoot.resolve("conf").toString());
    env.put("DAILYFLOW_MONGO_URI", "mongodb://127.0.0.1:" + port(MONGO));
    env.put("DAILYFLOW_REDIS_URI", "redis://127.0.0.1:" + port(REDIS));
    env.put("DAILYFLOW_SQS_ENDPOINT", sqsEndpoint());
    env.put("DAILYFLOW_SQS_ACCESS_KEY", "local");
    env.put("DAILYFLOW_SQS_SECRET_KEY", "local");
    env.put("DAILYFLOW_JWT_PUBLIC_KEY_PATH", publicKey().toString());
    env.put("DAILYFLOW_AUTH_PRIVATE_KEY_PATH", privateKey().toString());
    env.put("DAILYFLOW_AUTH_SEED_FILE", seedFile().toString());
    env.put("DAILYFLOW_HTTP_INSTANCES", "1");
    env.put("DAILYFLOW_HTTP_HOST", "127.0.0.1");
    env.putAll(extraEnv);
    return env;
  }

  /** Starts one embedded server ({@link #SQS}, {@link #MONGO}, {@link #REDIS}) in its own process. */
  void startInfra(String server) throws Exception {
    Map<String, String> env = baseEnvironment();
    env.put("DAILYFLOW_LOCAL_DATA_DIR", dataDir().toString());
    env.put("DAILYFLOW_LOCAL_START_SQS", String.valueOf(server.equals(SQS)));
    env.put("DAILYFLOW_LOCAL_START_MONGO", String.valueOf(server.equals(MONGO)));
    env.put("DAILYFLOW_LOCAL_START_REDIS", String.valueOf(server.equals(REDIS)));
    env.put("DAILYFLOW_LOCAL_SQS_PORT", String.valueOf(port(SQS)));
    env.put("DAILYFLOW_LOCAL_MONGO_PORT", String.valueOf(port(MONGO)));
    env.put("DAILYFLOW_LOCAL_REDIS_PORT", String.valueOf(port(REDIS)));
    Process process = launch(server, repoRoot.resolve("local/target/dailyflow-local.jar"),
        env, "infra");
    awaitPort(server, process, port(server));
  }

  /**
   * Starts a service jar: {@link #AUTH}, {@link #RELEASES}, {@link #CONSOLIDATED}, or a consumer
   * process named {@code consumer-<n>}; waits until its /health/ready answers 200.
   */
  void startService(String name) throws Exception {
    Map<String, String> env = baseEnvironment();
    String jar;
    if (name.startsWith("consumer")) {
      jar = "sqs-consumer-verticle/target/sqs-consumer-verticle.jar";
      env.put("DAILYFLOW_CONSUMER_HTTP_PORT", String.valueOf(port(name)));
    } else {
      jar = name + "-verticle/target/" + name + "-verticle.jar";
      env.put("DAILYFLOW_" + name.toUpperCase() + "_HTTP_PORT", String.valueOf(port(name)));
    }
    Process process = launch(name, repoRoot.resolve(jar), env);
    awaitReady(name, process, port(name));
  }

  /** Starts the all-in-one local jar ({@code all} mode) on this cluster's data directory. */
  void startAllInOne() throws Exception {
    Map<String, String> env = baseEnvironment();
    env.put("DAILYFLOW_LOCAL_DATA_DIR", dataDir().toString());
    env.put("DAILYFLOW_LOCAL_SQS_PORT", String.valueOf(port(SQS)));
    env.put("DAILYFLOW_LOCAL_MONGO_PORT", String.valueOf(port(MONGO)));
    env.put("DAILYFLOW_LOCAL_REDIS_PORT", String.valueOf(port(REDIS)));
    for (String service : List.of(AUTH, RELEASES, CONSOLIDATED)) {
      env.put("DAILYFLOW_" + service.toUpperCase() + "_HTTP_PORT", String.valueOf(port(service)));
    }
    env.put("DAILYFLOW_CONSUMER_HTTP_PORT", String.valueOf(port("consumer")));
    Process process = launch("local", repoRoot.resolve("local/target/dailyflow-local.jar"), env,
        "all");
    for (String service : List.of(AUTH, RELEASES, CONSOLIDATED)) {
      awaitReady("local", process, port(service));
    }
  }

  private Process launch(String name, Path jar, Map<String, String> env, String... args)
      throws IOException {
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException("No jar at " + jar + ": package the modules first");
    }
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.addAll(JVM_OPTIONS);
    command.add("-jar");
    command.add(jar.toString());
    command.addAll(List.of(args));
    int start = starts.merge(name, 1, Integer::sum);
    Path log = work.resolve("logs").resolve(name + "-" + start + ".log");
    ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile())
        .redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().putAll(env);
    Process process = builder.start();
    running.put(name, process);
    return process;
  }

  private void awaitPort(String name, Process process, int port) throws Exception {
    awaitStarted(name + " did not listen on " + port, name, Duration.ofMillis(100), () -> {
      assertAlive(name, process);
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
        return true;
      } catch (IOException notYet) {
        return false;
      }
    });
  }

  /** Waits for {@code started}; a dead process fails at once, a timeout names the process. */
  private void awaitStarted(String what, String name, Duration poll,
      java.util.concurrent.Callable<Boolean> started) throws Exception {
    try {
      org.awaitility.Awaitility.await(what).atMost(START_TIMEOUT).pollInterval(poll)
          .until(started);
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      throw new IllegalStateException(what + ": " + logTail(name), e);
    }
  }

  private void awaitReady(String name, Process process, int port) throws Exception {
    HttpRequest ready = HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + port + "/health/ready")).timeout(Duration.ofSeconds(2))
        .build();
    awaitStarted(name + " not ready on " + port, name, Duration.ofMillis(150), () -> {
      assertAlive(name, process);
      try {
        return http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
      } catch (IOException notYet) {
        return false;
      }
    });
  }

  private void assertAlive(String name, Process process) throws IOException {
    if (!process.isAlive()) {
      throw new IllegalStateException(name + " exited with " + process.exitValue() + ": "
          + logTail(name));
    }
  }

  /** The last lines of the newest log of that process, for a failure message. */
  String logTail(String name) throws IOException {
    Path log = work.resolve("logs").resolve(name + "-" + starts.getOrDefault(name, 1) + ".log");
    if (!Files.exists(log)) {
      return "(no log)";
    }
    List<String> lines = Files.readAllLines(log);
    return "\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
  }

  String log(String name) throws IOException {
    Path log = work.resolve("logs").resolve(name + "-" + starts.getOrDefault(name, 1) + ".log");
    return Files.exists(log) ? Files.readString(log) : "";
  }

  /** Lines containing {@code text} in every log of processes whose name starts with prefix. */
  long countInLogs(String prefix, String text) throws IOException {
    try (var logs = Files.list(work.resolve("logs"))) {
      long count = 0;
      for (Path log : logs.filter(l -> l.getFileName().toString().startsWith(prefix)).toList()) {
        try (var lines = Files.lines(log)) {
          count += lines.filter(line -> line.contains(text)).count();
        }
      }
      return count;
    }
  }

  /** SIGKILL: the process (and any child it has, such as redis-server) dies at once. */
  void kill(String name) throws InterruptedException {
    Process process = running.remove(name);
    if (process == null) {
      return;
    }
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    process.waitFor(10, TimeUnit.SECONDS);
  }

  /** SIGTERM: a graceful stop. Returns the exit status, or -1 if it did not exit in time. */
  int terminate(String name, Duration timeout) throws InterruptedException {
    Process process = running.remove(name);
    process.destroy();
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      return -1;
    }
    return process.exitValue();
  }

  /** SIGKILL of the redis-server child alone (its pid file is in the data directory). */
  long killRedisServer() throws IOException {
    Path pidFile = dataDir().resolve("redis-" + port(REDIS) + ".pid");
    long pid = Long.parseLong(Files.readString(pidFile).strip());
    Optional<ProcessHandle> redis = ProcessHandle.of(pid);
    redis.ifPresent(p -> {
      p.destroyForcibly();
      p.onExit().join();
    });
    return pid;
  }

  boolean isRunning(String name) {
    Process process = running.get(name);
    return process != null && process.isAlive();
  }

  @Override
  public void close() {
    List<String> names = new ArrayList<>(running.keySet());
    for (String name : names) {
      try {
        kill(name);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    killOrphanedRedis();
  }

  /** A redis-server whose parent JVM was SIGKILLed lives on: its pid file names it. */
  private void killOrphanedRedis() {
    try (var files = Files.list(dataDir())) {
      files.filter(f -> f.getFileName().toString().matches("redis-\\d+\\.pid"))
          .forEach(f -> {
            try {
              ProcessHandle.of(Long.parseLong(Files.readString(f).strip()))
                  .filter(p -> p.info().command().map(c -> c.contains("redis")).orElse(false))
                  .ifPresent(ProcessHandle::destroyForcibly);
            } catch (IOException | NumberFormatException ignored) {
              // nothing to kill
            }
          });
    } catch (IOException ignored) {
      // no data directory: nothing started
    }
  }
}
