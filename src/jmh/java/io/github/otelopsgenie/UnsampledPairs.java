/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * {@link UnsampledSpanBenchmark} side by side: for each kind of span, pairs of forks, one with the
 * user's sampler alone and one with our wrapper around it, run back to back (the order alternating
 * from pair to pair); the difference and the ratio are taken within each pair, as {@link
 * PairedComparison} does, so that the drift of a shared machine between two benchmarks run minutes
 * apart does not count.
 *
 * <p>Not a benchmark: a main, run by {@code mvn -B -Pjmh test-compile exec:exec@unsampled-pairs}.
 * Knobs: {@code -Dpaired.pairs=4}, {@code
 * -Dunsampled.kinds=server,client,consumer,jobRoot,internal} and {@code -Dunsampled.with=rules}
 * ({@code serverOnly}: the wrapper before issue 27), passed with {@code -Dpaired.args="..."}.
 */
public final class UnsampledPairs {

  private UnsampledPairs() {}

  public static void main(String[] args) throws Exception {
    int pairs = Integer.getInteger("paired.pairs", 4);
    List<String> kinds =
        Arrays.asList(
            System.getProperty("unsampled.kinds", "server,client,consumer,jobRoot,internal")
                .split(","));
    String with = System.getProperty("unsampled.with", "rules");
    System.out.printf(
        Locale.ROOT,
        "machine: %d cores, %s %s; %d pairs of forks per kind (plain, %s), each fork 5 x 1 s"
            + " warm-up and 5 x 1 s measured%n",
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.vm.name"),
        System.getProperty("java.version"),
        pairs,
        with);
    List<String> table = new ArrayList<>();
    for (String kind : kinds) {
      double[] plain = new double[pairs];
      double[] wrapped = new double[pairs];
      double[] diff = new double[pairs];
      double[] ratio = new double[pairs];
      for (int pair = 0; pair < pairs; pair++) {
        boolean wrappedFirst = pair % 2 == 1;
        if (wrappedFirst) {
          wrapped[pair] = score(kind, with);
          plain[pair] = score(kind, "plain");
        } else {
          plain[pair] = score(kind, "plain");
          wrapped[pair] = score(kind, with);
        }
        diff[pair] = wrapped[pair] - plain[pair];
        ratio[pair] = wrapped[pair] / plain[pair];
        System.out.printf(
            Locale.ROOT,
            "%s pair %d (%s first): plain %.1f ns, %s %.1f ns, difference %.1f ns%n",
            kind,
            pair + 1,
            wrappedFirst ? with : "plain",
            plain[pair],
            with,
            wrapped[pair],
            diff[pair]);
      }
      table.add(
          String.format(
              Locale.ROOT,
              "| `%s` | %.1f | %.1f | **%.1f** | %.1f | %.1f | %.2f |",
              kind,
              PairedComparison.median(plain),
              PairedComparison.median(wrapped),
              PairedComparison.median(diff),
              PairedComparison.min(diff),
              PairedComparison.max(diff),
              PairedComparison.median(ratio)));
    }
    System.out.println();
    System.out.println(
        "| span | plain sampler ns/op (median of forks) | with "
            + with
            + " ns/op | difference, median of pairs | min | max | ratio, median of pairs |");
    System.out.println("|---|---|---|---|---|---|---|");
    table.forEach(System.out::println);
  }

  /** One fork of the benchmark of this kind with this sampler: its average time per span, ns. */
  static double score(String kind, String sampler) throws Exception {
    return PairedComparison.fork("UnsampledSpanBenchmark." + kind, "sampler", sampler, 5);
  }
}
