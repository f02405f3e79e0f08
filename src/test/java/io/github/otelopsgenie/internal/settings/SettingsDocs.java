/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.settings;

import java.util.ArrayList;
import java.util.List;

/** Renders the configuration tables of README.md and docs/configuration.md from the registry. */
final class SettingsDocs {

  private SettingsDocs() {}

  /** README: property and variable, default, description. */
  static String readmeTable() {
    StringBuilder out = new StringBuilder();
    out.append(
        "| System property / Environment variable | Default | Description |\n|---|---|---|\n");
    for (Setting<?> s : SettingsRegistry.all()) {
      out.append("| `")
          .append(s.property())
          .append("` / `")
          .append(s.environmentVariable())
          .append("` | ")
          .append(s.defaultDoc())
          .append(" | ")
          .append(s.doc())
          .append(" |\n");
    }
    return out.toString();
  }

  /** docs/configuration.md: property, YAML key, YAML type, a YAML example. */
  static String yamlTable() {
    StringBuilder out = new StringBuilder();
    out.append("| flat property | YAML key | YAML type | YAML example |\n|---|---|---|---|\n");
    for (Setting<?> s : SettingsRegistry.all()) {
      out.append("| `")
          .append(s.property())
          .append("` | `")
          .append(s.yamlKey())
          .append("` | ")
          .append(s.yamlType().doc())
          .append(" | `")
          .append(s.yamlKey())
          .append(": ")
          .append(yamlExample(s).replace("|", "\\|"))
          .append("` |\n");
    }
    return out.toString();
  }

  /** README and docs/configuration.md: the settings of one policy, flat and YAML. */
  static String policyTable() {
    StringBuilder out = new StringBuilder();
    out.append(
        "| `otel.opsgenie.policy.<name>.` / `OTEL_OPSGENIE_POLICY_<NAME>_` | YAML key in a `policies:` entry | Default | Description |\n|---|---|---|---|\n");
    for (Setting<?> s : PolicySettings.all()) {
      out.append("| `")
          .append(s.key())
          .append("` / `")
          .append(s.key().toUpperCase(java.util.Locale.ROOT).replace('.', '_'))
          .append("` | `")
          .append(s.yamlKey())
          .append(": ")
          .append(yamlExample(s).replace("|", "\\|"))
          .append("` | ")
          .append(s.defaultDoc())
          .append(" | ")
          .append(s.doc())
          .append(" |\n");
    }
    return out.toString();
  }

  /** The flat example written as a YAML value of the documented type. */
  static String yamlExample(Setting<?> s) {
    String example = s.example();
    switch (s.yamlType()) {
      case BOOLEAN:
      case INTEGER:
      case NUMBER:
      case DECIMAL:
      case MILLISECONDS:
        return example;
      case INTEGER_LIST:
        return "[" + String.join(", ", example.split(",")) + "]";
      case STRING_LIST:
        List<String> quoted = new ArrayList<>();
        for (String part : example.split(",")) {
          quoted.add(quote(part));
        }
        return "[" + String.join(", ", quoted) + "]";
      case POLICY_LIST:
        return "[{name: " + quote(example) + ", routes: ['^/checkout/.*'], priority: P1}]";
      case STRING_MAP:
      case NUMBER_MAP:
        List<String> pairs = new ArrayList<>();
        for (String pair : example.split(",")) {
          String[] kv = pair.split("=", 2);
          String value = s.yamlType() == Setting.YamlType.NUMBER_MAP ? kv[1] : quote(kv[1]);
          pairs.add(quote(kv[0]) + ": " + value);
        }
        return "{" + String.join(", ", pairs) + "}";
      default:
        return quote(example);
    }
  }

  private static String quote(String text) {
    return "'" + text.replace("'", "''") + "'";
  }
}
