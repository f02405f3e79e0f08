/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Our {@code onEnd} against {@code BatchSpanProcessor.onEnd}, side by side: JMH runs every
 * benchmark of a run to its end before the next one, so a plain run measures the batch processor
 * minutes before (or after) ours, and the drift of a shared machine between the two is as large as
 * the difference in question. Here each comparison is made of pairs of forks, one fork of each
 * benchmark back to back (the order alternating from pair to pair), and the ratio is taken within
 * each pair: the figure is the median of those ratios, with their spread.
 *
 * <p>Not a benchmark: a main, run by {@code mvn -B -Pjmh test-compile exec:exec@paired}. Knobs:
 * {@code -Dpaired.pairs=8} and {@code -Dpaired.cases=client,windowed,server,storm}, passed with
 * {@code -Dpaired.args="..."}.
 */
public final class PairedComparison {

  static final int PAIRS = Integer.getInteger("paired.pairs", 8);

  /** One comparison: our benchmark and the yardstick, each with its span case. */
  static final class Case {
    final String name;
    final String what;
    final String ours;
    final String oursCase;
    final String yardstick;
    final String yardstickCase;

    Case(
        String name, String what, String ours, String oursCase, String yardstick, String yardCase) {
      this.name = name;
      this.what = what;
      this.ours = ours;
      this.oursCase = oursCase;
      this.yardstick = yardstick;
      this.yardstickCase = yardCase;
    }
  }

  static final List<Case> ALL =
      Arrays.asList(
          new Case(
              "client",
              "CLIENT span of a dependency call, dependency rule on (issue 16)",
              "OnEndBenchmark.ours",
              "client200",
              "OnEndBenchmark.batchSpanProcessor",
              "client200"),
          new Case(
              "windowed",
              "healthy SERVER span, every windowed rule on (issue 18)",
              "WindowedOnEndBenchmark.oursWindowed",
              "server200",
              "OnEndBenchmark.batchSpanProcessor",
              "server200"),
          new Case(
              "server",
              "healthy SERVER span, no windowed rule",
              "OnEndBenchmark.ours",
              "server200",
              "OnEndBenchmark.batchSpanProcessor",
              "server200"));

  private PairedComparison() {}

  public static void main(String[] args) throws Exception {
    List<String> wanted =
        Arrays.asList(System.getProperty("paired.cases", "client,windowed,server").split(","));
    System.out.printf(
        Locale.ROOT,
        "machine: %d cores, %s %s; %d pairs of forks per comparison, each fork 3 x 1 s warm-up and"
            + " 5 x 1 s measured%n",
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.vm.name"),
        System.getProperty("java.version"),
        PAIRS);
    List<String> table = new ArrayList<>();
    for (Case c : ALL) {
      if (!wanted.contains(c.name)) {
        continue;
      }
      double[] ours = new double[PAIRS];
      double[] yard = new double[PAIRS];
      double[] ratio = new double[PAIRS];
      for (int pair = 0; pair < PAIRS; pair++) {
        boolean oursFirst = pair % 2 == 1;
        if (oursFirst) {
          ours[pair] = score(c.ours, c.oursCase);
          yard[pair] = score(c.yardstick, c.yardstickCase);
        } else {
          yard[pair] = score(c.yardstick, c.yardstickCase);
          ours[pair] = score(c.ours, c.oursCase);
        }
        ratio[pair] = ours[pair] / yard[pair];
        System.out.printf(
            Locale.ROOT,
            "%s pair %d (%s first): ours %.2f ns, batch %.2f ns, ratio %.3f%n",
            c.name,
            pair + 1,
            oursFirst ? "ours" : "batch",
            ours[pair],
            yard[pair],
            ratio[pair]);
      }
      table.add(
          String.format(
              Locale.ROOT,
              "| %s | %.1f | %.1f | **%.3f** | %.3f | %.3f | %d of %d |",
              c.what,
              median(ours),
              median(yard),
              median(ratio),
              min(ratio),
              max(ratio),
              countAtMost(ratio, 1.0),
              PAIRS));
    }
    System.out.println();
    System.out.println(
        "| comparison | ours ns/op (median of forks) | BatchSpanProcessor ns/op | ours / batch,"
            + " median of pairs | min | max | pairs with ours ≤ batch |");
    System.out.println("|---|---|---|---|---|---|---|");
    table.forEach(System.out::println);
  }

  /** One fork of {@code benchmark} with {@code spanCase}: its average time per span, ns. */
  static double score(String benchmark, String spanCase) throws Exception {
    return fork(benchmark, "spanCase", spanCase, 3);
  }

  /**
   * One fork of {@code benchmark} with one parameter set, after {@code warmups} warm-up iterations
   * of 1 s: its average time per operation, ns.
   */
  static double fork(String benchmark, String param, String value, int warmups) throws Exception {
    Options options =
        new OptionsBuilder()
            .include("^io\\.github\\.otelopsgenie\\." + benchmark.replace(".", "\\.") + "$")
            .param(param, value)
            .forks(1)
            .warmupIterations(warmups)
            .warmupTime(TimeValue.seconds(1))
            .measurementIterations(5)
            .measurementTime(TimeValue.seconds(1))
            .verbosity(org.openjdk.jmh.runner.options.VerboseMode.SILENT)
            .build();
    RunResult result = new Runner(options).runSingle();
    return result.getPrimaryResult().getScore();
  }

  static double median(double[] values) {
    double[] v = values.clone();
    Arrays.sort(v);
    int n = v.length;
    return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
  }

  static double min(double[] values) {
    return Arrays.stream(values).min().orElse(Double.NaN);
  }

  static double max(double[] values) {
    return Arrays.stream(values).max().orElse(Double.NaN);
  }

  static int countAtMost(double[] values, double bound) {
    int n = 0;
    for (double v : values) {
      if (v <= bound) {
        n++;
      }
    }
    return n;
  }
}
