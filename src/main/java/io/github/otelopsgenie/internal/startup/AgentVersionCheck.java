/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.startup;

import java.util.logging.Logger;

/**
 * The OpenTelemetry Java agent the extension runs in, when it runs in one, and one WARNING when it
 * is a release line the extension does not support: the 1.x agents emit the old HTTP semantic
 * conventions and name the header-capture setting differently, so a handled exception on a
 * successful response and the forwarded request headers go missing from alerts. Supported: agent
 * {@value #OLDEST_SUPPORTED} and newer (README, "Agent versions"). Internal.
 */
public final class AgentVersionCheck {

  private static final Logger logger = Logger.getLogger(AgentVersionCheck.class.getName());

  /**
   * The agent's own version holder (javaagent-tooling, 1.x and 2.x alike), visible from an
   * extension's class loader, absent without the agent.
   */
  public static final String AGENT_VERSION_CLASS =
      "io.opentelemetry.javaagent.tooling.AgentVersion";

  /** The oldest agent the end-to-end tests run under (CI's oldest-agent job). */
  public static final String OLDEST_SUPPORTED = "2.26.1";

  private AgentVersionCheck() {}

  /** Warns once per call when the agent around the extension is a 1.x release. */
  public static void warnIfUnsupported() {
    String version = agentVersion(AgentVersionCheck.class.getClassLoader(), AGENT_VERSION_CLASS);
    String warning = warning(version);
    if (warning != null) {
      logger.warning(warning);
    }
  }

  /**
   * The {@code VERSION} of {@code className} as {@code loader} sees it; null when there is no such
   * class (no agent: the SDK or the Spring Boot starter) or it cannot be read.
   */
  public static String agentVersion(ClassLoader loader, String className) {
    try {
      Object version = Class.forName(className, true, loader).getField("VERSION").get(null);
      return version instanceof String ? (String) version : null;
    } catch (Throwable t) {
      return null;
    }
  }

  /** The warning for an agent of {@code version}, or null when it is supported or unknown. */
  public static String warning(String version) {
    if (version == null || major(version) >= 2 || major(version) < 0) {
      return null;
    }
    return "otel-opsgenie runs in the OpenTelemetry Java agent "
        + version
        + ", which it does not support: agents before 2.0 emit the old HTTP semantic conventions, so"
        + " alerts miss a handled exception recorded on a successful response and the forwarded"
        + " request headers. Use the agent "
        + OLDEST_SUPPORTED
        + " or newer.";
  }

  /** The major version, -1 when {@code version} does not start with one. */
  private static int major(String version) {
    int end = 0;
    while (end < version.length() && end < 4 && Character.isDigit(version.charAt(end))) {
      end++;
    }
    return end == 0 ? -1 : Integer.parseInt(version.substring(0, end));
  }
}
