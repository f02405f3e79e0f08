package com.example.opsgenie.standin;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A received alert, for people: type, priority, alias, message and the details that matter; and a
 * received close: the alias, the note and the request as sent.
 */
public final class AlertPrinter {

  private static final List<String> KEY_DETAILS =
      List.of(
          "route",
          "method",
          "status_code",
          "status_class",
          "duration_ms",
          "threshold_ms",
          "function",
          "exception_type",
          "exception_message",
          "trace_id");

  private AlertPrinter() {}

  public static String format(ReceivedAlert alert) {
    StringBuilder sb = new StringBuilder();
    String type = alert.type() == null ? "?" : alert.type().toUpperCase(Locale.ROOT);
    sb.append(String.format("[%s] %s  alias=%s%n", type, alert.priority(), alert.alias()));
    sb.append("    message : ").append(alert.message()).append('\n');
    Map<String, String> details = alert.details();
    List<String> shown = new ArrayList<>();
    for (String key : KEY_DETAILS) {
      if (details.containsKey(key)) {
        shown.add(key + "=" + shorten(details.get(key)));
      }
    }
    List<String> others = new ArrayList<>();
    for (Map.Entry<String, String> e : details.entrySet()) {
      if (!KEY_DETAILS.contains(e.getKey())
          && !e.getKey().equals("alert_type")
          && !e.getKey().equals("exception_stacktrace")) {
        others.add(e.getKey() + "=" + shorten(e.getValue()));
      }
    }
    sb.append("    details : ").append(String.join("  ", shown)).append('\n');
    if (!others.isEmpty()) {
      sb.append("              ").append(String.join("  ", others)).append('\n');
    }
    List<String> responders = new ArrayList<>();
    for (Map<String, Object> r : alert.responders()) {
      Object who =
          r.containsKey("username")
              ? r.get("username")
              : r.containsKey("name") ? r.get("name") : r.get("id");
      responders.add(r.get("type") + ":" + who);
    }
    sb.append("    tags    : ")
        .append(alert.tags())
        .append("   responders: ")
        .append(responders)
        .append('\n');
    sb.append("    contract: ")
        .append(alert.problems().isEmpty() ? "OK" : "PROBLEMS " + alert.problems());
    return sb.toString();
  }

  public static String format(ReceivedClose close) {
    StringBuilder sb = new StringBuilder();
    sb.append(
        String.format(
            "[CLOSE] alias=%s%n",
            close.alias() != null
                ? close.alias()
                : close.identifierType() + ":" + close.identifier()));
    sb.append("    note    : ").append(shorten(close.note())).append('\n');
    sb.append("    request : POST ")
        .append(close.rawPath())
        .append(close.rawQuery() == null ? "" : "?" + close.rawQuery())
        .append('\n');
    sb.append("    contract: ")
        .append(close.problems().isEmpty() ? "OK" : "PROBLEMS " + close.problems());
    return sb.toString();
  }

  private static String shorten(String s) {
    if (s == null) {
      return "";
    }
    String one = s.replace('\n', ' ');
    return one.length() > 90 ? one.substring(0, 87) + "..." : one;
  }
}
