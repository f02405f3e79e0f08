/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.settings;

import java.util.Locale;

/**
 * One setting, defined once: its key (flat form without the {@code otel.opsgenie.} prefix), how
 * YAML spells and types it, its default as documented, one line of documentation, an example value,
 * and how a raw value is parsed and checked. Its topic class defines it (and holds or names its
 * check) and {@link SettingsRegistry} joins the topics; the flat and YAML readers, the public
 * builder, the unknown-key warnings and the documentation tables all come from there.
 *
 * @param <T> the parsed value's type
 */
public final class Setting<T> {

  /** What a YAML value of this setting is; the YAML reader asks the SDK for that type first. */
  public enum YamlType {
    BOOLEAN("boolean"),
    INTEGER("integer"),
    NUMBER("number such as `0.1`"),
    STRING("string"),
    DURATION("duration string (`30s`) or milliseconds"),
    /** Read like {@link #INTEGER} (the usual value is whole); a decimal is accepted too. */
    DECIMAL("number such as `95` or `99.9`"),
    /** Read like {@link #INTEGER}; the value may also be a decimal or a duration string. */
    MILLISECONDS("milliseconds such as `2000` or `2.5`, or a duration string (`2s`)"),
    INTEGER_LIST("list of integers"),
    STRING_LIST("list of strings"),
    STRING_MAP("map of strings"),
    NUMBER_MAP("map of regex to milliseconds"),
    POLICY_LIST("list of policies, each a map with `name` and its policy settings");

    private final String doc;

    YamlType(String doc) {
      this.doc = doc;
    }

    /** How the documentation names it. */
    public String doc() {
      return doc;
    }

    /** A number first (a string probe of a YAML number makes the SDK log a type warning). */
    boolean numeric() {
      return this == INTEGER
          || this == NUMBER
          || this == DECIMAL
          || this == MILLISECONDS
          || this == INTEGER_LIST
          || this == NUMBER_MAP;
    }
  }

  /** Parses and checks the raw value of a setting, reporting problems to the reader. */
  interface Parser<T> {
    T parse(SettingsReader reader, Setting<T> setting);
  }

  private final String key;
  private final YamlType yamlType;
  private final String defaultDoc;
  private final String doc;
  private final String example;
  private final Parser<T> parser;

  Setting(
      String key,
      YamlType yamlType,
      String defaultDoc,
      String example,
      String doc,
      Parser<T> parser) {
    this.key = key;
    this.yamlType = yamlType;
    this.defaultDoc = defaultDoc;
    this.example = example;
    this.doc = doc;
    this.parser = parser;
  }

  /** The flat key without the prefix, such as {@code alert.status.codes}. */
  public String key() {
    return key;
  }

  /** {@code otel.opsgenie.alert.status.codes}. */
  public String property() {
    return SettingsSource.PREFIX + key;
  }

  /** {@code OTEL_OPSGENIE_ALERT_STATUS_CODES}. */
  public String environmentVariable() {
    return property().toUpperCase(Locale.ROOT).replace('.', '_');
  }

  /** {@code alert_status_codes}: the key under the YAML processor {@code opsgenie/development}. */
  public String yamlKey() {
    return key.replace('.', '_');
  }

  /** {@code setAlertStatusCodes}: the public builder's setter. */
  public String builderSetter() {
    StringBuilder name = new StringBuilder("set");
    for (String part : key.split("\\.")) {
      name.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
    }
    return name.toString();
  }

  public YamlType yamlType() {
    return yamlType;
  }

  /** The default as the documentation states it (for example {@code 60s}, or {@code none}). */
  public String defaultDoc() {
    return defaultDoc;
  }

  /** One line of documentation (Markdown). */
  public String doc() {
    return doc;
  }

  /**
   * A valid flat value, as a user would write it (for the docs and the tests over the registry).
   */
  public String example() {
    return example;
  }

  /**
   * The same setting under another key, such as a per-policy setting {@code priority} as {@code
   * policy.payments.priority}: same type, documentation and checks.
   */
  Setting<T> under(String prefix) {
    return new Setting<>(prefix + key, yamlType, defaultDoc, example, doc, parser);
  }

  T parse(SettingsReader reader) {
    return parser.parse(reader, this);
  }

  @Override
  public String toString() {
    return property();
  }
}
