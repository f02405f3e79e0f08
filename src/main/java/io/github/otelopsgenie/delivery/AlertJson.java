/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.otelopsgenie.alert.AlertType;
import io.github.otelopsgenie.alert.FieldLimits;
import io.github.otelopsgenie.alert.OpsgenieAlert;
import io.github.otelopsgenie.alert.Responder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Map;

/**
 * The JSON bodies of {@code POST /v2/alerts} and {@code POST /v2/alerts/{alias}/close}, and their
 * one-line form for the log: the one place a request body is written, for both clients. Built as a
 * tree rather than by reflection, so the field names are the API's whatever the shading does. Null
 * and empty fields are left out; {@link AlertType} is ours, not Opsgenie's, and is never sent.
 */
final class AlertJson {

  /** Thread-safe once configured; shared with the client, which reads answers with it. */
  static final ObjectMapper MAPPER = new ObjectMapper();

  private AlertJson() {}

  /**
   * Writes and reads one small body, so that the JSON classes are loaded before the first alert.
   */
  static void warmUp() {
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
      MAPPER.readTree(createBody(sample));
      oneLine(sample);
      MAPPER.readTree(closeBody("warm-up", null));
    } catch (IOException | RuntimeException e) {
      // only a warm-up: the first real alert pays instead
    }
  }

  /** The create-alert body, UTF-8. */
  static byte[] createBody(OpsgenieAlert alert) {
    return bytes(createTree(alert));
  }

  /** The create-alert body on one line, for the log. */
  static String oneLine(OpsgenieAlert alert) {
    return string(createTree(alert));
  }

  /** The close body: {@code note} and {@code source}, each only when given. */
  static byte[] closeBody(String note, String source) {
    ObjectNode body = MAPPER.createObjectNode();
    putText(body, "note", FieldLimits.truncate(note, FieldLimits.NOTE));
    putText(body, "source", FieldLimits.truncate(source, FieldLimits.SOURCE));
    return bytes(body);
  }

  /**
   * The body of an added note ({@code AddNoteToAlertPayload}): the note is required, cut to its
   * limit.
   */
  static byte[] noteBody(String note, String source) {
    ObjectNode body = MAPPER.createObjectNode();
    body.put(
        "note",
        FieldLimits.truncate(note == null || note.isEmpty() ? "-" : note, FieldLimits.NOTE));
    putText(body, "source", FieldLimits.truncate(source, FieldLimits.SOURCE));
    return bytes(body);
  }

  /** A close on one line, for the log: the alias and the note. */
  static String closeLine(String alias, String note) {
    ObjectNode line = MAPPER.createObjectNode();
    putText(line, "alias", alias);
    putText(line, "note", FieldLimits.truncate(note, FieldLimits.NOTE));
    return string(line);
  }

  static ObjectNode createTree(OpsgenieAlert alert) {
    ObjectNode body = MAPPER.createObjectNode();
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
    return body;
  }

  private static void putText(ObjectNode node, String field, String value) {
    if (value != null && !value.isEmpty()) {
      node.put(field, value);
    }
  }

  private static void putTexts(ObjectNode node, String field, Collection<String> values) {
    if (!values.isEmpty()) {
      ArrayNode array = node.putArray(field);
      for (String value : values) {
        array.add(value);
      }
    }
  }

  private static void putResponders(ObjectNode node, Collection<Responder> responders) {
    if (responders.isEmpty()) {
      return;
    }
    ArrayNode array = node.putArray("responders");
    for (Responder responder : responders) {
      ObjectNode item = array.addObject();
      item.put("type", responder.getType());
      putText(item, "id", responder.getId());
      putText(item, "name", responder.getName());
      putText(item, "username", responder.getUsername());
    }
  }

  private static void putDetails(ObjectNode node, Map<String, String> details) {
    if (details.isEmpty()) {
      return;
    }
    ObjectNode object = node.putObject("details");
    for (Map.Entry<String, String> entry : details.entrySet()) {
      object.put(entry.getKey(), entry.getValue());
    }
  }

  private static byte[] bytes(ObjectNode tree) {
    return string(tree).getBytes(StandardCharsets.UTF_8);
  }

  private static String string(ObjectNode tree) {
    try {
      return MAPPER.writeValueAsString(tree);
    } catch (JsonProcessingException e) {
      // a tree of strings always serialises
      throw new IllegalStateException("could not write alert JSON", e);
    }
  }
}
