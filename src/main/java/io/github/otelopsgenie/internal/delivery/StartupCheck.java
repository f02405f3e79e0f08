/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.delivery;

import io.github.otelopsgenie.internal.delivery.json.OpsgenieResponse;
import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The key and region check ({@code otel.opsgenie.startup.check}): one authenticated call that
 * creates nothing, {@code GET {base}/v2/alerts/requests/{random id}}, run once by the sender's
 * worker before its first alert, so startup never waits for it. For an id Opsgenie never handed
 * out, Opsgenie's own 404 (its JSON: {@code took}, {@code requestId}) means the key was accepted;
 * any other 404 (a base missing part of its path, a proxy) is a WARNING naming the base and
 * suggesting one; 401 or 403 that the first real alert would be refused too. One log line either
 * way; the key is never printed.
 */
final class StartupCheck {

  private static final Logger logger = Logger.getLogger(StartupCheck.class.getName());

  private StartupCheck() {}

  /** Runs the check and logs its one line; never throws. */
  static void run(HttpOpsgenieClient client, URI apiBase) {
    String base = String.valueOf(apiBase);
    OpsgenieResponse response;
    try {
      response = client.requestStatus(UUID.randomUUID().toString());
    } catch (IOException | RuntimeException e) {
      logger.log(
          Level.WARNING,
          "otel-opsgenie startup check: could not reach the Opsgenie API at "
              + base
              + " ("
              + e.getClass().getSimpleName()
              + ": "
              + e.getMessage()
              + "); alerts will be retried as usual,"
              + " but check otel.opsgenie.api.base and the network path to it");
      return;
    }
    int status = response.statusCode;
    if (status == 401 || status == 403 || status == 402) {
      logger.severe(
          "otel-opsgenie startup check: the Opsgenie API at "
              + base
              + " rejected the API key with HTTP "
              + status
              + (response.message != null ? " (" + response.message + ")" : "")
              + ": alerts will NOT be delivered. Likely cause: "
              + likelyCause(apiBase, status)
              + ". Fix otel.opsgenie.token or otel.opsgenie.api.base and restart.");
    } else if ((status == 404 || (status >= 200 && status < 300)) && response.opsgenieBody) {
      logger.info(
          "otel-opsgenie startup check: the Opsgenie API at " + base + " accepted the API key");
    } else if (status == 404 || (status >= 200 && status < 300)) {
      logger.warning(
          "otel-opsgenie startup check: "
              + base
              + " answered HTTP "
              + status
              + " with "
              + (response.message != null ? "\"" + response.message + "\"" : "no body")
              + ", which is not the Opsgenie API's answer: alerts sent there will likely fail. "
              + suggestedBase(apiBase)
              + " (check otel.opsgenie.api.base and any proxy on the way)");
    } else {
      logger.warning(
          "otel-opsgenie startup check: the Opsgenie API at "
              + base
              + " answered HTTP "
              + status
              + (response.message != null ? " (" + response.message + ")" : "")
              + ", so the key could not be confirmed; alerts will be sent and retried as usual");
    }
  }

  /** Where the API probably is, given a base that did not answer as Opsgenie does. */
  static String suggestedBase(URI apiBase) {
    String base = String.valueOf(apiBase);
    while (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    if (base.toLowerCase(Locale.ROOT).endsWith("/jsm/ops")) {
      return "For Jira Service Management Operations the base ends in /integration: "
          + base
          + "/integration";
    }
    return "Expected the API's root, such as https://api.opsgenie.com, https://api.eu.opsgenie.com"
        + " or https://api.atlassian.com/jsm/ops/integration (/v2/alerts is appended)";
  }

  /** What usually lies behind a refused key at this base. */
  static String likelyCause(URI apiBase, int status) {
    if (status == 402) {
      return "the Opsgenie account's plan does not include this API";
    }
    String host =
        apiBase == null || apiBase.getHost() == null
            ? ""
            : apiBase.getHost().toLowerCase(Locale.ROOT);
    String path =
        apiBase == null || apiBase.getPath() == null
            ? ""
            : apiBase.getPath().toLowerCase(Locale.ROOT);
    String common =
        "a mistyped, revoked or disabled key, or a key that is not an API integration key";
    if (host.equals("api.eu.opsgenie.com")) {
      return "a key of the US instance on the EU API (use https://api.opsgenie.com), or " + common;
    }
    if (host.equals("api.opsgenie.com")) {
      return "a key of the EU instance on the US API (use https://api.eu.opsgenie.com), or "
          + common;
    }
    if (host.endsWith("atlassian.com") || path.contains("/jsm/")) {
      return "an Opsgenie-only key on Jira Service Management Operations (JSM needs the key of a JSM"
          + " Operations API integration), or "
          + common;
    }
    return common + " (or a key of another Opsgenie region or of JSM Operations)";
  }
}
