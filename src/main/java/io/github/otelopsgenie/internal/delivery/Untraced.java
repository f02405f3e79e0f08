/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.delivery;

import io.opentelemetry.api.impl.InstrumentationUtil;

/**
 * Runs the sender's thread with instrumentation suppressed, as the SDK's exporters run their calls:
 * under the agent, whose HttpURLConnection instrumentation would otherwise make every call to
 * Opsgenie a CLIENT span of the service (exported with its traces, counted by its dependency rule,
 * so that a failing Opsgenie could page about Opsgenie). The agent's instrumenters honour the
 * context key of {@code io.opentelemetry.api.impl.InstrumentationUtil}, which the agent's class
 * loader maps to its own copy. With an API older than that class (outside the agent, an
 * application's own SDK) the task runs as it is: nothing there instruments the JDK's HTTP client.
 */
final class Untraced {

  private Untraced() {}

  /** {@code task}, to be run with instrumentation suppressed where the API can say so. */
  static Runnable wrap(Runnable task) {
    return () -> {
      boolean[] started = new boolean[1];
      try {
        InstrumentationUtil.suppressInstrumentation(
            () -> {
              started[0] = true;
              task.run();
            });
      } catch (LinkageError e) {
        if (started[0]) {
          throw e; // the task's own
        }
        task.run(); // no such API
      }
    };
  }
}
