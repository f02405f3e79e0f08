/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.settings;

import static io.github.otelopsgenie.internal.settings.Setting.YamlType.INTEGER_LIST;
import static io.github.otelopsgenie.internal.settings.Setting.YamlType.MILLISECONDS;
import static io.github.otelopsgenie.internal.settings.Setting.YamlType.POLICY_LIST;
import static io.github.otelopsgenie.internal.settings.Setting.YamlType.STRING;
import static io.github.otelopsgenie.internal.settings.Setting.YamlType.STRING_LIST;

import io.github.otelopsgenie.internal.alert.Responder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The settings of one policy, defined once and reused for each declared name: {@code routes} is
 * read as {@code otel.opsgenie.policy.<name>.routes} ({@code OTEL_OPSGENIE_POLICY_<NAME>_ROUTES}),
 * or as the key {@code routes} of the entry {@code name: <name>} of the YAML {@code policies:}
 * list. Each has the type and the checks of the global setting it overrides.
 */
public final class PolicySettings {

  /** The flat prefix of per-policy keys, without {@code otel.opsgenie.}. */
  public static final String PREFIX = "policy.";

  /**
   * Policy names: lower-case letters and digits, so that the environment-variable form maps back.
   */
  public static final Pattern NAME = Pattern.compile("[a-z0-9]+");

  /** {@code otel.opsgenie.policies}: the names of the policies, last in the settings table. */
  public static final Setting<List<String>> POLICIES =
      new Setting<>(
          "policies",
          POLICY_LIST,
          "none",
          "payments",
          "Named policies, in order: for the alerts of its routes, the first policy whose `routes` match decides priority, responders, tags, alias and optionally its own status and latency rules; other routes keep the global settings. Each is set as `otel.opsgenie.policy.<name>.<setting>` (see [Policies](#policies)).",
          PolicySettings::names);

  private static final SettingGroup GROUP = new SettingGroup();

  public static final Setting<List<Pattern>> ROUTES =
      GROUP.add(
          new Setting<>(
              "routes",
              STRING_LIST,
              "required",
              "^/checkout/.*",
              "Route regexes (whole match, as the endpoint settings) of the routes this policy decides for.",
              SettingsReader::patterns));
  public static final Setting<String> PRIORITY =
      GROUP.add(
          new Setting<>(
              "priority",
              STRING,
              "`alert.priority`",
              "P1",
              "Priority of the alerts of these routes, `P1`..`P5` (a helper call's own priority still wins).",
              AlertContentChecks::priority));
  public static final Setting<List<Responder>> RESPONDERS =
      GROUP.add(
          new Setting<>(
              "responders",
              STRING_LIST,
              "`responders`",
              "team:payments-oncall",
              "Responders of these alerts, instead of the global ones; same form as `responders`.",
              AlertContentChecks::responders));
  public static final Setting<List<String>> TAGS =
      GROUP.add(
          new Setting<>(
              "tags",
              STRING_LIST,
              "none",
              "payments",
              "Tags added to the global `alert.tags`.",
              AlertContentChecks::tags));
  public static final Setting<String> ALIAS =
      GROUP.add(
          new Setting<>(
              "alias",
              STRING,
              "the global aliases",
              "{service_id}-{env}-payments-{status_code}",
              "Alias template of these routes' status and latency alerts (placeholders as the alias settings); exception aliases stay per exception.",
              (r, s) -> AlertContentChecks.alias(r, s, null)));
  public static final Setting<boolean[]> STATUS_CODES =
      GROUP.add(
          new Setting<>(
              "status.codes",
              INTEGER_LIST,
              "`alert.status.codes`",
              "500,502,503",
              "Status codes that alert on these routes; with `status.classes`, replaces the global status rules here.",
              RequestRuleSettings::statusCodes));
  public static final Setting<boolean[]> STATUS_CLASSES =
      GROUP.add(
          new Setting<>(
              "status.classes",
              STRING_LIST,
              "`alert.status.classes`",
              "5XX,4XX",
              "Status classes that alert on these routes; with `status.codes`, replaces the global status rules here.",
              RequestRuleSettings::statusClasses));
  public static final Setting<Long> THRESHOLD_RESPONSE_TIME =
      GROUP.add(
          new Setting<>(
              "threshold.response.time",
              MILLISECONDS,
              "the global latency rules",
              "800",
              "Latency threshold of these routes in milliseconds (or a duration); no `response.time.monitored.endpoints` needed.",
              RequestRuleSettings::threshold));

  private static final Map<String, Setting<?>> BY_KEY = SettingGroup.byKey(GROUP.all());

  private PolicySettings() {}

  /** Every policy setting, keys relative to the policy ({@code routes}, {@code status.codes}). */
  public static List<Setting<?>> all() {
    return GROUP.all();
  }

  /** The policy setting with this relative key, or null. */
  public static Setting<?> find(String key) {
    return BY_KEY.get(key);
  }

  /**
   * The flat key of {@code setting} for the policy {@code name}: {@code policy.payments.priority}.
   */
  public static String key(String name, Setting<?> setting) {
    return PREFIX + name + "." + setting.key();
  }

  /**
   * {@code policy.payments.priority}: true when it names a declared policy and a policy setting.
   */
  public static boolean isPolicyKey(String key, java.util.Collection<String> declaredNames) {
    if (!key.startsWith(PREFIX)) {
      return false;
    }
    String rest = key.substring(PREFIX.length());
    int dot = rest.indexOf('.');
    return dot > 0
        && declaredNames.contains(rest.substring(0, dot))
        && BY_KEY.containsKey(rest.substring(dot + 1));
  }

  /** Reads and checks every declared policy, in declaration order (the first match decides). */
  static List<Policy> read(SettingsReader r, List<String> names) {
    List<Policy> policies = new ArrayList<>();
    for (String name : names) {
      policies.add(readOne(r, name));
    }
    return Collections.unmodifiableList(policies);
  }

  private static Policy readOne(SettingsReader r, String name) {
    String prefix = PREFIX + name + ".";
    Setting<List<Pattern>> routes = ROUTES.under(prefix);
    if (r.raw(routes) == null) {
      r.problem(
          r.display(POLICIES)
              + "="
              + r.raw(POLICIES)
              + " is invalid without "
              + r.display(routes)
              + ": expected a comma-separated list of route regexes that policy "
              + name
              + " decides for");
    }
    Setting<boolean[]> codes = STATUS_CODES.under(prefix);
    Setting<boolean[]> classes = STATUS_CLASSES.under(prefix);
    // codes and classes replace the global status rules together: one set alone means "only these"
    boolean ownStatusRules = r.raw(codes) != null || r.raw(classes) != null;
    List<String> tags = ifSet(r, TAGS.under(prefix));
    Long threshold = ifSet(r, THRESHOLD_RESPONSE_TIME.under(prefix));
    return new Policy(
        name,
        routes.parse(r),
        ifSet(r, PRIORITY.under(prefix)),
        ifSet(r, RESPONDERS.under(prefix)),
        tags != null ? tags : Collections.<String>emptyList(),
        ifSet(r, ALIAS.under(prefix)),
        ownStatusRules ? codes.parse(r) : null,
        ownStatusRules ? classes.parse(r) : null,
        threshold != null ? threshold : -1);
  }

  /** The setting's value when it is set; null (the global setting decides) when not. */
  private static <T> T ifSet(SettingsReader r, Setting<T> setting) {
    return r.raw(setting) == null ? null : setting.parse(r);
  }

  /** {@code otel.opsgenie.policies}: names of [a-z0-9]+, each once. */
  static List<String> names(SettingsReader r, Setting<List<String>> setting) {
    List<String> names = new ArrayList<>();
    for (String name : r.list(setting)) {
      if (!r.matches(
          setting,
          NAME,
          name,
          "a comma-separated list of policy names of lower-case letters and digits, such as payments,search")) {
        continue;
      }
      if (names.contains(name)) {
        r.problem(setting, r.raw(setting), "each policy name once (" + name + " is listed twice)");
      } else {
        names.add(name);
      }
    }
    return Collections.unmodifiableList(names);
  }
}
