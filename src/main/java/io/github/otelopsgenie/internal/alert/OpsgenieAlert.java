/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.alert;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One create-alert request ({@code POST /v2/alerts}), immutable. {@link Builder#build()} cuts every
 * field to Opsgenie's documented limits ({@link FieldLimits}), so an alert that exists always fits.
 * Null fields are left out of the JSON body.
 */
public final class OpsgenieAlert {

  /** Opsgenie's own default priority, and ours: {@code otel.opsgenie.alert.priority}'s default. */
  public static final String DEFAULT_PRIORITY = "P4";

  private final AlertType type;
  private final String message;
  private final String alias;
  private final String description;
  private final List<Responder> responders;
  private final List<String> tags;
  private final Map<String, String> details;
  private final String entity;
  private final String source;
  private final String priority;
  private final String note;

  private OpsgenieAlert(Builder b) {
    this.type = b.type;
    this.message = FieldLimits.message(b.message);
    this.alias = FieldLimits.alias(b.alias);
    this.description = FieldLimits.truncate(b.description, FieldLimits.DESCRIPTION);
    this.responders = FieldLimits.responders(b.responders);
    this.tags = FieldLimits.tags(b.tags);
    this.details = FieldLimits.details(b.details);
    this.entity = FieldLimits.truncate(b.entity, FieldLimits.ENTITY);
    this.source = FieldLimits.truncate(b.source, FieldLimits.SOURCE);
    this.priority = b.priority;
    this.note = FieldLimits.truncate(b.note, FieldLimits.NOTE);
  }

  public static Builder builder(AlertType type) {
    return new Builder(type);
  }

  /** A builder holding this alert's fields, to derive a changed copy. */
  public Builder toBuilder() {
    Builder b = new Builder(type);
    b.message = message;
    b.alias = alias;
    b.description = description;
    b.responders = new ArrayList<>(responders);
    b.tags = new ArrayList<>(tags);
    b.details = new LinkedHashMap<>(details);
    b.entity = entity;
    b.source = source;
    b.priority = priority;
    b.note = note;
    return b;
  }

  public AlertType getType() {
    return type;
  }

  public String getMessage() {
    return message;
  }

  public String getAlias() {
    return alias;
  }

  public String getDescription() {
    return description;
  }

  public List<Responder> getResponders() {
    return responders;
  }

  public List<String> getTags() {
    return tags;
  }

  public Map<String, String> getDetails() {
    return details;
  }

  public String getEntity() {
    return entity;
  }

  public String getSource() {
    return source;
  }

  /** P1..P5. */
  public String getPriority() {
    return priority;
  }

  public String getNote() {
    return note;
  }

  @Override
  public String toString() {
    return "OpsgenieAlert{type="
        + type
        + ", alias="
        + alias
        + ", priority="
        + priority
        + ", message="
        + message
        + "}";
  }

  /** Collects the fields of an {@link OpsgenieAlert}. */
  public static final class Builder {
    private final AlertType type;
    private String message;
    private String alias;
    private String description;
    private List<Responder> responders = new ArrayList<>();
    private List<String> tags = new ArrayList<>();
    private Map<String, String> details = new LinkedHashMap<>();
    private String entity;
    private String source;
    private String priority = DEFAULT_PRIORITY;
    private String note;

    private Builder(AlertType type) {
      this.type = type;
    }

    public Builder setMessage(String message) {
      this.message = message;
      return this;
    }

    public Builder setAlias(String alias) {
      this.alias = alias;
      return this;
    }

    public Builder setDescription(String description) {
      this.description = description;
      return this;
    }

    public Builder setResponders(List<Responder> responders) {
      this.responders = new ArrayList<>(responders);
      return this;
    }

    public Builder setTags(List<String> tags) {
      this.tags = new ArrayList<>(tags);
      return this;
    }

    /** Adds a detail; a null value is left out (never the word null in an alert). */
    public Builder putDetail(String key, String value) {
      if (key != null && value != null) {
        details.put(key, value);
      }
      return this;
    }

    public Builder putAllDetails(Map<String, String> more) {
      for (Map.Entry<String, String> e : more.entrySet()) {
        putDetail(e.getKey(), e.getValue());
      }
      return this;
    }

    /** Puts {@code first} before the details already set (the 8000-char cut takes them last). */
    public Builder putDetailsFirst(Map<String, String> first) {
      Map<String, String> merged = new LinkedHashMap<>();
      for (Map.Entry<String, String> e : first.entrySet()) {
        if (e.getKey() != null && e.getValue() != null) {
          merged.put(e.getKey(), e.getValue());
        }
      }
      for (Map.Entry<String, String> e : details.entrySet()) {
        merged.putIfAbsent(e.getKey(), e.getValue());
      }
      details = merged;
      return this;
    }

    public Builder setEntity(String entity) {
      this.entity = entity;
      return this;
    }

    public Builder setSource(String source) {
      this.source = source;
      return this;
    }

    public Builder setPriority(String priority) {
      this.priority = priority;
      return this;
    }

    public Builder setNote(String note) {
      this.note = note;
      return this;
    }

    public OpsgenieAlert build() {
      return new OpsgenieAlert(this);
    }
  }
}
