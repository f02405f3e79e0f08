/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.delivery;

import io.github.otelopsgenie.internal.delivery.json.AlertState;
import io.github.otelopsgenie.internal.delivery.json.OpsgenieResponse;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Reading an alert by alias before closing it, with {@code alert.auto.close}'s quiet period: did
 * any replica make it occur within the period? Decided on evidence only, on the sender's thread:
 *
 * <ul>
 *   <li>an alert read (200 with its {@code status} and {@code lastOccurredAt}): closed or quiet for
 *       the period decides; "Alert does not exist" is nothing to close;
 *   <li>an API without reads: only a definite answer (405, or a 404 whose body is not Opsgenie's
 *       JSON), seen on {@value #NO_READ_ANSWERS} reads in a row. Jira Service Management
 *       Operations' integration API documents no read. Then the alert is left open for a person
 *       (one WARNING), unless {@code alert.auto.close.unread} closes unread (a service that runs as
 *       a single instance);
 *   <li>anything else (a 3xx, 400, 5xx, 429, a timeout, a 200 that is not JSON or is cut, a missing
 *       or unreadable {@code lastOccurredAt}, a first definite answer): not read, so not closed;
 *       the close stays due and is tried again later. A 401/403 means the key may not read: one
 *       WARNING, creates are unaffected.
 * </ul>
 */
final class AliasReads {

  private static final Logger logger = Logger.getLogger(AliasReads.class.getName());
  static final String NO_SUCH_ALERT = "Alert does not exist";

  /** Definite "no reads here" answers in a row before the API counts as without reads. */
  static final int NO_READ_ANSWERS = 2;

  /** What a read (or knowing there are none) decides for one close. */
  enum Decision {
    /** Open and quiet for the period on every replica, or unread by choice: close it. */
    CLOSE,
    /** Closed already, or no such alert: nothing to do. */
    MOOT,
    /** Occurred within the period, or could not be read: not now, due again later. */
    LATER,
    /** The API has no reads and closing unread is off: left open for a person. */
    LEAVE_OPEN
  }

  /** The quiet period; 0 closes unread. */
  private final long quietMillis;

  private final boolean closeUnread;
  private final String base;
  private final LongSupplier wallMillis;

  /** Definite "no reads" answers since the last alert read; the sender's thread only. */
  private int noReadAnswers;

  private volatile boolean withoutReads;
  private boolean withoutReadsLogged;
  private boolean forbiddenLogged;

  AliasReads(long quietMillis, boolean closeUnread, String base, LongSupplier wallMillis) {
    this.quietMillis = quietMillis;
    this.closeUnread = closeUnread;
    this.base = base;
    this.wallMillis = wallMillis;
  }

  /** A close reads first: there is a quiet period, and the API was not found without reads. */
  boolean readFirst() {
    return quietMillis > 0 && !withoutReads;
  }

  /** Without a read to make: close (no quiet period, or unread by choice) or leave open. */
  Decision unread() {
    if (quietMillis <= 0 || closeUnread) {
      return Decision.CLOSE;
    }
    return Decision.LEAVE_OPEN;
  }

  /** What {@code read}, the answer to a get by alias, decides. */
  Decision decide(OpsgenieResponse read) {
    if (read.isLogged()) {
      return Decision.CLOSE; // no key: nothing was read, and the close is only logged
    }
    AlertState state = read.alertState;
    if (read.statusCode == 200 && state != null) {
      noReadAnswers = 0;
      if (!state.open) {
        return Decision.MOOT;
      }
      return occurredWithinQuietPeriod(state) ? Decision.LATER : Decision.CLOSE;
    }
    if (isNoSuchAlert(read)) {
      noReadAnswers = 0;
      return Decision.MOOT;
    }
    if (read.statusCode == 401 || read.statusCode == 403) {
      forbidden(read);
      return Decision.LATER;
    }
    if (isNoReads(read)) {
      if (++noReadAnswers >= NO_READ_ANSWERS) {
        withoutReads(read);
        return unread();
      }
      fine("a read answered " + read.describe() + "; the close is tried again later");
      return Decision.LATER;
    }
    fine("could not read the alert (" + read.describe() + "); the close is tried again later");
    return Decision.LATER;
  }

  /** The alert occurred (on any replica) within the quiet period, so it is not closed yet. */
  boolean occurredWithinQuietPeriod(AlertState state) {
    return state.lastOccurredAtMillis > wallMillis.getAsLong() - quietMillis;
  }

  /** Opsgenie's answer when no alert has the alias. */
  static boolean isNoSuchAlert(OpsgenieResponse read) {
    return read.statusCode == 404 && read.message != null && read.message.contains(NO_SUCH_ALERT);
  }

  /** A definite answer of an API without reads: 405, or a 404 that is not Opsgenie's own. */
  static boolean isNoReads(OpsgenieResponse read) {
    return read.statusCode == 405 || (read.statusCode == 404 && !read.opsgenieBody);
  }

  private void forbidden(OpsgenieResponse read) {
    if (!forbiddenLogged) {
      forbiddenLogged = true;
      logger.warning(
          "otel-opsgenie's key may not read alerts at "
              + base
              + " ("
              + read.describe()
              + "): auto-close cannot check whether another instance still sees an alert"
              + " occurring, so it closes nothing it could not read. Alerts are created as usual;"
              + " give the API integration read access to let auto-close work");
    }
  }

  private void withoutReads(OpsgenieResponse read) {
    withoutReads = true;
    if (withoutReadsLogged) {
      return;
    }
    withoutReadsLogged = true;
    String cause =
        "otel-opsgenie cannot read alerts by alias at "
            + base
            + " ("
            + read.describe()
            + "; Jira Service Management Operations' integration API has no reads), so auto-close"
            + " cannot tell whether another instance still sees an alert occurring";
    if (closeUnread) {
      logger.warning(
          cause
              + ": it closes unread (otel.opsgenie.alert.auto.close.unread=true), which is safe only"
              + " for a service that runs as a single instance");
    } else {
      logger.warning(
          cause
              + ": the alerts it would close are left open for a person to close. A service that"
              + " runs as a single instance may set otel.opsgenie.alert.auto.close.unread=true to"
              + " close them unread");
    }
  }

  private static void fine(String message) {
    if (logger.isLoggable(Level.FINE)) {
      logger.fine("otel-opsgenie auto-close: " + message);
    }
  }
}
