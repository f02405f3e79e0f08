/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Collects what the named classes log through JUL, for assertions on log lines. */
public final class LogCapture extends Handler implements AutoCloseable {

  public final List<LogRecord> records = new CopyOnWriteArrayList<>();
  private final List<Logger> loggers = new ArrayList<>();

  public static LogCapture of(Class<?>... classes) {
    String[] names = new String[classes.length];
    for (int i = 0; i < classes.length; i++) {
      names[i] = classes[i].getName();
    }
    return ofNames(names);
  }

  /** Captures the loggers with these names (and their children). */
  public static LogCapture ofNames(String... names) {
    LogCapture capture = new LogCapture();
    for (String name : names) {
      Logger logger = Logger.getLogger(name);
      logger.addHandler(capture);
      capture.loggers.add(logger);
    }
    return capture;
  }

  /** The formatted messages logged at exactly {@code level}. */
  public List<String> at(Level level) {
    List<String> out = new ArrayList<>();
    for (LogRecord r : records) {
      if (r.getLevel().equals(level)) {
        out.add(
            r.getParameters() == null
                ? r.getMessage()
                : java.text.MessageFormat.format(r.getMessage(), r.getParameters()));
      }
    }
    return out;
  }

  /** Every formatted message, with the message of its exception if any. */
  List<String> all() {
    List<String> out = new ArrayList<>();
    for (LogRecord r : records) {
      out.add(
          r.getLevel() + " " + r.getMessage() + (r.getThrown() == null ? "" : " " + r.getThrown()));
    }
    return out;
  }

  @Override
  public void publish(LogRecord record) {
    records.add(record);
  }

  @Override
  public void flush() {}

  @Override
  public void close() {
    for (Logger logger : loggers) {
      logger.removeHandler(this);
    }
  }
}
