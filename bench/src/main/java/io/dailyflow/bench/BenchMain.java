package io.dailyflow.bench;

import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entry point of the benchmark jar: {@code java -jar bench/target/bench.jar <command> ...}.
 * <ul>
 *   <li>{@code load}: open-model constant-rate HTTP load ({@link LoadGen})</li>
 *   <li>{@code tokens}: logs in and prints access tokens ({@link Tokens})</li>
 *   <li>{@code seed}: inserts releases straight into MongoDB ({@link Seed})</li>
 *   <li>{@code uncached}: report latency with the cache bypassed ({@link Uncached})</li>
 *   <li>{@code lag}: accepted-to-recorded lag of stored releases ({@link Lag})</li>
 *   <li>{@code watch}: polls the daily report count and derives the recorded rate ({@link Watch})</li>
 * </ul>
 * JMH: {@code java -cp bench/target/bench.jar org.openjdk.jmh.Main}.
 *
 * <p>Each command prints its result on stdout (JSON or tokens, one per line: bench/run.sh parses
 * it, so that is the tool's output, not logging); diagnostics go through SLF4J, to stderr.
 */
public final class BenchMain {

  private static final Logger LOG = LoggerFactory.getLogger(BenchMain.class);

  private BenchMain() {
  }

  public static void main(String[] args) throws Exception {
    if (args.length == 0) {
      LOG.error("usage: bench.jar load|tokens|seed|uncached|lag|watch|report [--key value ...]");
      System.exit(2);
    }
    Args rest = Args.parse(Arrays.copyOfRange(args, 1, args.length));
    int code = switch (args[0]) {
      case "load" -> LoadGen.run(rest);
      case "tokens" -> Tokens.run(rest);
      case "seed" -> Seed.run(rest);
      case "uncached" -> Uncached.run(rest);
      case "lag" -> Lag.run(rest);
      case "watch" -> Watch.run(rest);
      case "report" -> Report.run(rest);
      default -> {
        LOG.error("unknown command {}", args[0]);
        yield 2;
      }
    };
    System.exit(code);
  }
}
