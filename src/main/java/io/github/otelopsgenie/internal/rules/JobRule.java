/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.rules;

import io.github.otelopsgenie.internal.settings.OpsgenieSettings;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.StatusData;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Job alerts: a span of one of the agent's scheduling instrumentations (one span per run of a job,
 * kind INTERNAL, named after the job) that ends with an exception event or an error status. Which
 * spans are job runs is told by their instrumentation scope, decided once per scope name: a service
 * has a few dozen scopes and many spans.
 */
public final class JobRule {

  /**
   * Scope names of the agent's scheduling instrumentations, without their version suffix (observed
   * under agent 2.33.1: {@code io.opentelemetry.spring-scheduling-3.1}; the others as named in the
   * agent jar).
   */
  static final String[] JOB_SCOPES = {
    "io.opentelemetry.spring-scheduling-",
    "io.opentelemetry.quartz-",
    "io.opentelemetry.xxl-job-",
    "io.opentelemetry.powerjob-",
    "io.opentelemetry.apache-elasticjob-",
  };

  /** Past this many distinct scope names, decisions are computed each time without being stored. */
  static final int MAX_REMEMBERED_SCOPES = 256;

  private final ConcurrentHashMap<String, Boolean> scopes = new ConcurrentHashMap<>();
  private final ExceptionRule exceptions;

  JobRule(ExceptionRule exceptions) {
    this.exceptions = exceptions;
  }

  /** Null when job alerts are off: the processor then never asks. */
  public static JobRule of(OpsgenieSettings settings, ExceptionRule exceptions) {
    return settings.alertJobs ? new JobRule(exceptions) : null;
  }

  /**
   * The latest decisions by scope object (a tracer's spans share one): an INTERNAL span costs an
   * identity hash and a reference compare, not a map look-up by name. Entries are immutable, so a
   * racy read sees a whole one or another.
   */
  private final ScopeDecision[] recent = new ScopeDecision[16];

  private static final class ScopeDecision {
    final InstrumentationScopeInfo scope;
    final boolean job;

    ScopeDecision(InstrumentationScopeInfo scope, boolean job) {
      this.scope = scope;
      this.job = job;
    }
  }

  /** True when spans of this scope are job runs. */
  public boolean isJobScope(InstrumentationScopeInfo scope) {
    int slot = System.identityHashCode(scope) & (recent.length - 1);
    ScopeDecision last = recent[slot];
    if (last != null && last.scope == scope) {
      return last.job;
    }
    boolean job = isJobScopeByName(scope.getName());
    recent[slot] = new ScopeDecision(scope, job);
    return job;
  }

  private boolean isJobScopeByName(String name) {
    Boolean known = scopes.get(name);
    if (known != null) {
      return known;
    }
    boolean job = isJobScopeName(name);
    if (scopes.size() < MAX_REMEMBERED_SCOPES) {
      scopes.put(name, job);
    }
    return job;
  }

  static boolean isJobScopeName(String name) {
    for (String prefix : JOB_SCOPES) {
      if (name.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The exception event the run failed with (the first one not ignored), or null: then the run
   * failed when its status is ERROR, else it did not fail.
   */
  public EventData exception(List<EventData> events) {
    return exceptions.firstRecorded(events);
  }

  /** True when a run with this status and these events failed and is not an ignored exception. */
  public boolean failed(StatusData status, List<EventData> events, EventData exception) {
    if (exception != null) {
      return true;
    }
    // an error status whose only exceptions are ignored ones is not a failure worth paging on
    return status.getStatusCode() == StatusCode.ERROR && !ExceptionRule.hasExceptionEvent(events);
  }

  int rememberedScopes() {
    return scopes.size();
  }
}
