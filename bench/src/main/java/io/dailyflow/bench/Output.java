package io.dailyflow.bench;

import java.io.PrintStream;

/**
 * What a bench.jar command prints on standard output: its result (JSON lines that bench/run.sh
 * parses, or the tokens it reads). It is the program's output, not logging: diagnostics go to
 * SLF4J (standard error), so a logging configuration can never change or drop a result.
 */
final class Output {

  private static final PrintStream RESULTS = System.out;

  private Output() {
  }

  static void line(Object result) {
    RESULTS.println(result);
  }
}
