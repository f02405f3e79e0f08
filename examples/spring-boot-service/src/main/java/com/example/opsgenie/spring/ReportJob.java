package com.example.opsgenie.spring;

import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A scheduled job, as a Spring service would have it: the agent's spring-scheduling instrumentation
 * makes one span per run, named {@code ReportJob.nightly}. It fails on demand: {@code POST
 * /jobs/report/fail?runs=1} makes the next run throw.
 */
@Component
@RestController
public class ReportJob {

  private final AtomicInteger failingRuns = new AtomicInteger();

  @Scheduled(fixedDelayString = "${example.report.interval-ms:1000}")
  public void nightly() {
    if (failingRuns.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      throw new ReportGenerationException("nightly report: partition 7 of 12 could not be read");
    }
  }

  @PostMapping("/jobs/report/fail")
  public String failNextRuns(@RequestParam(defaultValue = "1") int runs) {
    failingRuns.set(runs);
    return "the next " + runs + " run(s) of ReportJob.nightly will fail";
  }

  public static final class ReportGenerationException extends RuntimeException {
    public ReportGenerationException(String message) {
      super(message);
    }
  }
}
