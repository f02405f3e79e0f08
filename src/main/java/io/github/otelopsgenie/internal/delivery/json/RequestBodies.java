/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.delivery.json;

import io.github.otelopsgenie.internal.alert.AlertType;
import io.github.otelopsgenie.internal.alert.FieldLimits;
import io.github.otelopsgenie.internal.alert.OpsgenieAlert;
import io.github.otelopsgenie.internal.alert.Responder;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Map;

/**
 * The JSON bodies of our requests: {@code POST /v2/alerts}, {@code POST /v2/alerts/{alias}/close},
 * {@code POST /v2/alerts/{alias}/notes} and {@code POST /v2/heartbeats}, and the one-line form of
 * an alert and a close for the log: the one place a request body is written, for both clients, with
 * a {@link JsonWriter} (field by field, so the names are the API's). Null and empty fields are left
 * out; {@link AlertType} is ours, not Opsgenie's, and is never sent.
 */
public final class RequestBodies {

  private RequestBodies() {}

  /**
   * Writes and reads one small body, so that the JSON classes are loaded (and the code interpreted
   * once) before the first alert.
   */
  public static void warmUp() {
    try {
      // an alert of every field, as the first real one will be: the serializers, the limits and
      // the alert's classes are ready before the first page, and loaded on this thread
      OpsgenieAlert sample =
          OpsgenieAlert.builder(AlertType.STATUS)
              .setMessage("warm-up")
              .setAlias("warm-up")
              .setDescription("warm-up")
              .setTags(java.util.Collections.singletonList("warm-up"))
              .putDetail("warm-up", "warm-up")
              .putDetailsFirst(java.util.Collections.singletonMap("suppressed_count", "1"))
              .setEntity("warm-up")
              .setSource("warm-up")
              .setPriority("P4")
              .build();
      // createBody writes the one-line form too
      JsonReader.read(new String(createBody(sample), StandardCharsets.UTF_8));
      JsonReader.read(new String(closeBody("warm-up", null), StandardCharsets.UTF_8));
    } catch (RuntimeException e) {
      // only a warm-up: the first real alert pays instead
    }
  }

  /** The create-alert body, UTF-8. */
  public static byte[] createBody(OpsgenieAlert alert) {
    return oneLine(alert).getBytes(StandardCharsets.UTF_8);
  }

  /** The create-alert body on one line, for the log. */
  public static String oneLine(OpsgenieAlert alert) {
    JsonWriter body = new JsonWriter(capacity(alert)).beginObject();
    putText(body, "message", alert.getMessage());
    putText(body, "alias", alert.getAlias());
    putText(body, "description", alert.getDescription());
    putResponders(body, alert.getResponders());
    putTexts(body, "tags", alert.getTags());
    putDetails(body, alert.getDetails());
    putText(body, "entity", alert.getEntity());
    putText(body, "source", alert.getSource());
    putText(body, "priority", alert.getPriority());
    putText(body, "note", alert.getNote());
    return body.endObject().toString();
  }

  /**
   * Room for the whole body at once (the description with its stack trace is most of it), so the
   * writer's buffer is not grown and copied on the way.
   */
  private static int capacity(OpsgenieAlert alert) {
    int n = 256 + length(alert.getMessage()) + length(alert.getDescription());
    for (Map.Entry<String, String> e : alert.getDetails().entrySet()) {
      n += 8 + length(e.getKey()) + length(e.getValue());
    }
    for (String tag : alert.getTags()) {
      n += 4 + tag.length();
    }
    // a few escapes (a stack trace's line breaks and tabs) on top
    return n + n / 16;
  }

  private static int length(String s) {
    return s == null ? 0 : s.length();
  }

  /** The close body: {@code note} and {@code source}, each only when given. */
  public static byte[] closeBody(String note, String source) {
    JsonWriter body = new JsonWriter().beginObject();
    putText(body, "note", FieldLimits.truncate(note, FieldLimits.NOTE));
    putText(body, "source", FieldLimits.truncate(source, FieldLimits.SOURCE));
    return bytes(body.endObject());
  }

  /**
   * The body of an added note ({@code AddNoteToAlertPayload}): the note is required, cut to its
   * limit.
   */
  public static byte[] noteBody(String note, String source) {
    JsonWriter body = new JsonWriter().beginObject();
    body.member(
        "note",
        FieldLimits.truncate(note == null || note.isEmpty() ? "-" : note, FieldLimits.NOTE));
    putText(body, "source", FieldLimits.truncate(source, FieldLimits.SOURCE));
    return bytes(body.endObject());
  }

  /** A close on one line, for the log: the alias and the note. */
  public static String closeLine(String alias, String note) {
    JsonWriter line = new JsonWriter().beginObject();
    putText(line, "alias", alias);
    putText(line, "note", FieldLimits.truncate(note, FieldLimits.NOTE));
    return line.endObject().toString();
  }

  /**
   * The create-heartbeat body ({@code CreateHeartbeatPayload}): enabled, its interval in minutes;
   * the alert's message and priority only when given.
   */
  public static byte[] heartbeatBody(
      String name,
      String description,
      long intervalMinutes,
      String alertMessage,
      String alertPriority) {
    JsonWriter body =
        new JsonWriter()
            .beginObject()
            .member("name", name)
            .member("description", description)
            .name("interval")
            .value(intervalMinutes)
            .member("intervalUnit", "minutes")
            .name("enabled")
            .value(true);
    if (alertMessage != null) {
      body.member("alertMessage", alertMessage);
    }
    if (alertPriority != null) {
      body.member("alertPriority", alertPriority);
    }
    return bytes(body.endObject());
  }

  private static void putText(JsonWriter body, String field, String value) {
    if (value != null && !value.isEmpty()) {
      body.member(field, value);
    }
  }

  private static void putTexts(JsonWriter body, String field, Collection<String> values) {
    if (!values.isEmpty()) {
      body.name(field).beginArray();
      for (String value : values) {
        body.value(value);
      }
      body.endArray();
    }
  }

  private static void putResponders(JsonWriter body, Collection<Responder> responders) {
    if (responders.isEmpty()) {
      return;
    }
    body.name("responders").beginArray();
    for (Responder responder : responders) {
      body.beginObject().member("type", responder.getType());
      putText(body, "id", responder.getId());
      putText(body, "name", responder.getName());
      putText(body, "username", responder.getUsername());
      body.endObject();
    }
    body.endArray();
  }

  private static void putDetails(JsonWriter body, Map<String, String> details) {
    if (details.isEmpty()) {
      return;
    }
    body.name("details").beginObject();
    for (Map.Entry<String, String> entry : details.entrySet()) {
      body.member(entry.getKey(), entry.getValue());
    }
    body.endObject();
  }

  private static byte[] bytes(JsonWriter body) {
    return body.toString().getBytes(StandardCharsets.UTF_8);
  }
}
