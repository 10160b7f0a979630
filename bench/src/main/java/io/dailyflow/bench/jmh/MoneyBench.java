package io.dailyflow.bench.jmh;

import io.dailyflow.common.money.Money;
import java.math.BigDecimal;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** Money on the intake hot path: parse a request amount (string or BigDecimal), format cents. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class MoneyBench {

  private final String text = "-1500.25";
  private final BigDecimal number = new BigDecimal("1234567.89");
  private final long cents = -123_456_789L;

  @Benchmark
  public Object parseString() {
    return Money.parse(text);
  }

  @Benchmark
  public Object parseBigDecimal() {
    return Money.parse(number);
  }

  @Benchmark
  public String format() {
    return Money.format(cents);
  }
}
