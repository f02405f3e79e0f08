/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.settings;

import static io.github.otelopsgenie.settings.Setting.YamlType.BOOLEAN;
import static io.github.otelopsgenie.settings.Setting.YamlType.DURATION;
import static io.github.otelopsgenie.settings.Setting.YamlType.INTEGER;
import static io.github.otelopsgenie.settings.Setting.YamlType.INTEGER_LIST;
import static io.github.otelopsgenie.settings.Setting.YamlType.NUMBER;
import static io.github.otelopsgenie.settings.Setting.YamlType.NUMBER_MAP;
import static io.github.otelopsgenie.settings.Setting.YamlType.POLICY_LIST;
import static io.github.otelopsgenie.settings.Setting.YamlType.STRING;
import static io.github.otelopsgenie.settings.Setting.YamlType.STRING_LIST;
import static io.github.otelopsgenie.settings.Setting.YamlType.STRING_MAP;

import io.github.otelopsgenie.alert.FieldLimits;
import io.github.otelopsgenie.alert.Responder;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Every otel-opsgenie setting, each defined once, in the order of the documentation. The readers,
 * the public builder (one setter per setting), the unknown-key warnings and the tables in README.md
 * and docs/configuration.md all come from {@link #all()}; tests hold each of them to it.
 */
public final class SettingsRegistry {

  private static final List<Setting<?>> ALL = new ArrayList<>();

  public static final Setting<Boolean> ENABLED =
      define(
          "enabled",
          BOOLEAN,
          "`true`",
          "true",
          "`false` leaves the processor out.",
          (r, s) -> r.bool(s, true));
  public static final Setting<String> TOKEN =
      define(
          "token",
          STRING,
          "none",
          "a1b2c3d4-e5f6-4711-8899-aabbccddeeff",
          "Opsgenie API **integration** key, sent as `Authorization: GenieKey <key>`: printable ASCII, no spaces. Never logged. Without it, alerts are logged as JSON instead of sent.",
          ValueRules::token);
  public static final Setting<URI> API_BASE =
      define(
          "api.base",
          STRING,
          "`" + ValueRules.DEFAULT_API_BASE + "`",
          "https://api.eu.opsgenie.com",
          "EU: `https://api.eu.opsgenie.com`; JSM Operations: `https://api.atlassian.com/jsm/ops/integration`. `/v2/alerts` is appended. No user info, query or fragment. Plain `http://` only to a loopback host (`localhost` or a `127.x.x.x`/`::1` literal) unless `api.allow.insecure` is `true`.",
          ValueRules::apiBase);
  public static final Setting<Boolean> API_ALLOW_INSECURE =
      define(
          "api.allow.insecure",
          BOOLEAN,
          "`false`",
          "false",
          "`true` allows a plain `http://` API base on a host other than loopback, which sends the API key in clear text (a warning is still logged). Without it such a base is rejected.",
          (r, s) -> r.bool(s, false));
  public static final Setting<boolean[]> ALERT_STATUS_CODES =
      define(
          "alert.status.codes",
          INTEGER_LIST,
          "none",
          "500,502",
          "Status codes that alert, e.g. `500,502`.",
          RuleValues::statusCodes);
  public static final Setting<boolean[]> ALERT_STATUS_CLASSES =
      define(
          "alert.status.classes",
          STRING_LIST,
          "none",
          "5XX",
          "Status classes that alert, e.g. `5XX,4XX`: the whole hundred (`5XX` = 500..599). A code listed in both raises one alert, of the code kind.",
          RuleValues::statusClasses);
  public static final Setting<boolean[]> ALERT_RPC_STATUS_CODES =
      define(
          "alert.rpc.status.codes",
          STRING_LIST,
          "none",
          "UNAVAILABLE,INTERNAL,14",
          "gRPC status codes that alert on a gRPC server span (`rpc.system=grpc`), by name or number, e.g. `UNAVAILABLE,INTERNAL,14`. The route is the span name, `{rpc.service}/{rpc.method}`; the endpoint regexes apply to it. HTTP status settings never match a gRPC span, nor this one an HTTP span.",
          RuleValues::rpcStatusCodes);
  public static final Setting<List<Pattern>> MONITORED_ENDPOINTS =
      define(
          "monitored.endpoints",
          STRING_LIST,
          "all routes",
          "/api/.*",
          "Route regexes checked by the status rules.",
          SettingsReader::patterns);
  public static final Setting<List<Pattern>> IGNORED_ENDPOINTS =
      define(
          "ignored.endpoints",
          STRING_LIST,
          "none",
          "/health",
          "Route regexes never checked by the status rules (also inside monitored ones).",
          SettingsReader::patterns);
  public static final Setting<Long> THRESHOLD_RESPONSE_TIME =
      define(
          "threshold.response.time",
          INTEGER,
          "none",
          "2000",
          "Latency threshold in milliseconds (or a duration); a request strictly slower alerts. Needs `response.time.monitored.endpoints`.",
          RuleValues::threshold);
  public static final Setting<List<Pattern>> RESPONSE_TIME_MONITORED_ENDPOINTS =
      define(
          "response.time.monitored.endpoints",
          STRING_LIST,
          "none",
          "/checkout",
          "Route regexes checked against the threshold (`.*` for all).",
          SettingsReader::patterns);
  public static final Setting<Map<Pattern, Long>> RESPONSE_TIME_THRESHOLDS =
      define(
          "response.time.thresholds",
          NUMBER_MAP,
          "none",
          "/report=10000",
          "Per-route thresholds, `regex=ms` pairs, e.g. `/report=10000,/api/.*=500`; checked before the global threshold.",
          RuleValues::thresholds);
  public static final Setting<List<String>> ALERT_TAGS =
      define(
          "alert.tags",
          STRING_LIST,
          "`" + OpsgenieSettings.DEFAULT_TAG + "`",
          "checkout,prod",
          "Alert tags (at most "
              + FieldLimits.TAGS
              + ", each at most "
              + FieldLimits.TAG
              + " characters).",
          ValueRules::tags);
  public static final Setting<Map<String, String>> ALERT_DETAILS =
      define(
          "alert.details",
          STRING_MAP,
          "none",
          "team=payments",
          "`key=value,key2=value2`, added over the default details.",
          ValueRules::details);
  public static final Setting<String> SERVICE_ID =
      define(
          "service.id",
          STRING,
          "`service.name` resource attribute, or `java-service-{host}` when unknown",
          "checkout",
          "Service id in aliases, messages and details; the alert's entity.",
          (r, s) -> r.raw(s));
  public static final Setting<String> ALERT_ALIAS =
      define(
          "alert.alias",
          STRING,
          "none",
          "checkout-alert",
          "Fallback for the three aliases below; the suffix of handled-exception aliases.",
          (r, s) -> ValueRules.alias(r, s, null));
  public static final Setting<String> ALERT_STATUS_ALIAS =
      define(
          "alert.status.alias",
          STRING,
          "`alert.alias`, else `" + OpsgenieSettings.DEFAULT_STATUS_ALIAS + "`",
          "{service_id}-{route}-{status_code}",
          "Alias of status alerts.",
          (r, s) ->
              ValueRules.alias(
                  r, s, orElse(ALERT_ALIAS.parse(r), OpsgenieSettings.DEFAULT_STATUS_ALIAS)));
  public static final Setting<String> ALERT_LATENCY_ALIAS =
      define(
          "alert.latency.alias",
          STRING,
          "`alert.alias`, else `" + OpsgenieSettings.DEFAULT_LATENCY_ALIAS + "`",
          "{service_id}-{route}-latency",
          "Alias of latency alerts.",
          (r, s) ->
              ValueRules.alias(
                  r, s, orElse(ALERT_ALIAS.parse(r), OpsgenieSettings.DEFAULT_LATENCY_ALIAS)));
  public static final Setting<String> ALERT_EXCEPTION_ALIAS =
      define(
          "alert.exception.alias",
          STRING,
          "`alert.alias`, else `" + OpsgenieSettings.DEFAULT_EXCEPTION_SUFFIX + "`",
          "exception-alert",
          "Suffix of exception aliases: `{service_id}-{ExceptionSimpleName}-{suffix}`, so by default `{service_id}-{ExceptionSimpleName}-exception-alert`.",
          (r, s) ->
              ValueRules.alias(
                  r, s, orElse(ALERT_ALIAS.parse(r), OpsgenieSettings.DEFAULT_EXCEPTION_SUFFIX)));
  public static final Setting<String> ALERT_PRIORITY =
      define(
          "alert.priority",
          STRING,
          "`" + OpsgenieSettings.DEFAULT_PRIORITY + "`",
          "P2",
          "`P1`..`P5`.",
          ValueRules::priority);
  public static final Setting<List<String>> FORWARDED_HEADER_KEYS =
      define(
          "forwarded.header.keys",
          STRING_LIST,
          "none",
          "X-Request-Id",
          "Request headers copied into the details, e.g. `X-Request-Id`. The extension asks the agent to capture them (`otel.instrumentation.http.server.capture-request-headers`). `Authorization`, `Cookie`, `Set-Cookie`, `Proxy-Authorization` and names containing `token`, `secret`, `password`, `key`, `auth`, `cookie`, `session`, `jwt`, `assertion`, `cert`, `credential` or `signature` are never forwarded (warned at startup).",
          ValueRules::headerKeys);
  public static final Setting<List<Responder>> RESPONDERS =
      define(
          "responders",
          STRING_LIST,
          "none",
          "team:ops,user:neo@matrix",
          "`user:neo@matrix,team:ops,escalation:night,schedule:primary`; by id: `team:id:<id>`. At most "
              + FieldLimits.RESPONDERS
              + ".",
          ValueRules::responders);
  public static final Setting<Boolean> ALERT_EXCEPTIONS =
      define(
          "alert.exceptions",
          BOOLEAN,
          "`true`",
          "true",
          "Alert on `exception` events of server spans.",
          (r, s) -> r.bool(s, true));
  public static final Setting<Set<String>> IGNORED_EXCEPTIONS =
      define(
          "ignored.exceptions",
          STRING_LIST,
          "none",
          "java.util.concurrent.CancellationException",
          "Exception classes (simple or fully qualified names) that never raise an exception alert (their request can still raise a status or latency alert).",
          (r, s) -> Collections.unmodifiableSet(new LinkedHashSet<>(r.list(s))));
  public static final Setting<Boolean> ALERT_JOBS =
      define(
          "alert.jobs",
          BOOLEAN,
          "`true`",
          "true",
          "Alert when a scheduled job's span (Spring `@Scheduled`, Quartz, XXL-JOB, PowerJob, ElasticJob, as the agent records them) ends with an exception or an error status. Alias `{service_id}-{job}-job-alert`, `{job}` being the span name (`ReportJob.nightly`).",
          (r, s) -> r.bool(s, true));
  public static final Setting<Boolean> ALERT_CONSUMERS =
      define(
          "alert.consumers",
          BOOLEAN,
          "`true`",
          "true",
          "Alert when a message consumer's process span (Kafka, JMS, RabbitMQ listeners, kind CONSUMER, as the agent records them) ends with an exception. Alias `{service_id}-{destination}-{Exception}-consumer-alert`, `{destination}` being `messaging.destination.template` when set, else `messaging.destination.name` (the topic or queue, never a partition or message id).",
          (r, s) -> r.bool(s, true));
  public static final Setting<Boolean> SAMPLING_RECORD_SERVER_SPANS =
      define(
          "sampling.record.server.spans",
          BOOLEAN,
          "`true`",
          "true",
          "Wrap the sampler so that a server span (or a helper span) it would drop is recorded but not sampled: failures of unsampled requests still alert, exporters still skip them. In YAML, use the sampler `opsgenie_record_server_spans/development` instead. Cost: see [docs/performance.md](docs/performance.md).",
          (r, s) -> r.bool(s, true));
  public static final Setting<Boolean> STARTUP_CHECK =
      define(
          "startup.check",
          BOOLEAN,
          "`true`",
          "true",
          "At startup, on the sender's thread (never delaying startup), one authenticated call that creates nothing (`GET {api base}/v2/alerts/requests/{random id}`) checks the token against the API base: a refused key (401/403: wrong or revoked key, an EU key on the US API or the reverse, an Opsgenie-only key on JSM) is one SEVERE line naming the base and the likely cause; success one INFO line; no connection one WARNING. Only with a token.",
          (r, s) -> r.bool(s, true));
  public static final Setting<Duration> ALERT_COOLDOWN =
      define(
          "alert.cooldown",
          DURATION,
          "`60s`",
          "60s",
          "The same alias is sent at most once per cooldown; the next alert carries the suppressed count. `0` turns it off.",
          (r, s) -> r.duration(s, OpsgenieSettings.DEFAULT_COOLDOWN, true));
  public static final Setting<Integer> QUEUE_SIZE =
      define(
          "queue.size",
          INTEGER,
          "`" + OpsgenieSettings.DEFAULT_QUEUE_SIZE + "`",
          "1024",
          "Alerts waiting to be sent; a full queue drops and counts.",
          (r, s) -> r.integer(s, OpsgenieSettings.DEFAULT_QUEUE_SIZE, 1, 1_000_000));
  public static final Setting<Integer> RETRY_MAX_ATTEMPTS =
      define(
          "retry.max.attempts",
          INTEGER,
          "`" + OpsgenieSettings.DEFAULT_MAX_ATTEMPTS + "`",
          "5",
          "Attempts per alert on transport errors, 5xx and 429.",
          (r, s) -> r.integer(s, OpsgenieSettings.DEFAULT_MAX_ATTEMPTS, 1, 100));
  public static final Setting<Duration> RETRY_INITIAL_BACKOFF =
      define(
          "retry.initial.backoff",
          DURATION,
          "`1s`",
          "1s",
          "First retry delay (exponential, with jitter).",
          (r, s) -> r.duration(s, OpsgenieSettings.DEFAULT_INITIAL_BACKOFF, false));
  public static final Setting<Duration> RETRY_MAX_BACKOFF =
      define(
          "retry.max.backoff",
          DURATION,
          "`30s`",
          "30s",
          "Longest retry delay; not shorter than `retry.initial.backoff`.",
          (r, s) -> r.duration(s, OpsgenieSettings.DEFAULT_MAX_BACKOFF, false));
  public static final Setting<Duration> TIMEOUT =
      define(
          "timeout",
          DURATION,
          "`10s`",
          "10s",
          "Connect and read timeout of one request to Opsgenie.",
          (r, s) -> r.duration(s, OpsgenieSettings.DEFAULT_TIMEOUT, false));
  public static final Setting<String> TRACE_URL_TEMPLATE =
      define(
          "trace.url.template",
          STRING,
          "none",
          "https://jaeger.example/trace/{trace_id}",
          "A link to the failing request's trace in the alert's details (`trace_url`) and description, e.g. `https://jaeger.example/trace/{trace_id}`; placeholders `{trace_id}`, `{span_id}`, `{service_id}`.",
          ValueRules::traceUrlTemplate);
  public static final Setting<Integer> ALERT_MIN_OCCURRENCES =
      define(
          "alert.min.occurrences",
          INTEGER,
          "`1`",
          "3",
          "Windowed rules: an alias alerts only once its rule matched this many times within `alert.window` (status, latency and exception rules; helper calls are never held back). `1` is the seed's per-request behaviour. At most "
              + OpsgenieSettings.MAX_MIN_OCCURRENCES
              + ".",
          (r, s) -> r.integer(s, 1, 1, OpsgenieSettings.MAX_MIN_OCCURRENCES));
  public static final Setting<Duration> ALERT_WINDOW =
      define(
          "alert.window",
          DURATION,
          "`5m`",
          "5m",
          "The sliding window of `alert.min.occurrences`, `alert.error.rate` and `alert.latency.percentile`.",
          (r, s) -> r.duration(s, OpsgenieSettings.DEFAULT_WINDOW, false));
  public static final Setting<Double> ALERT_ERROR_RATE =
      define(
          "alert.error.rate",
          NUMBER,
          "off",
          "0.1",
          "Route error-rate rule: alert when at least this share of a route's requests in the window failed (status ≥ 500 or `error.type`), e.g. `0.1` or `10%`. Alias `{service_id}-{route}-error-rate-alert`; fires once per breach.",
          (r, s) -> r.share(s, "an error rate above 0 and at most 1, such as 0.1 or 10%"));
  public static final Setting<Integer> ALERT_ERROR_RATE_MIN_REQUESTS =
      define(
          "alert.error.rate.min.requests",
          INTEGER,
          "`" + OpsgenieSettings.DEFAULT_ERROR_RATE_MIN_REQUESTS + "`",
          "20",
          "Requests a route needs in the window before the error-rate and percentile rules judge it.",
          (r, s) -> r.integer(s, OpsgenieSettings.DEFAULT_ERROR_RATE_MIN_REQUESTS, 1, 1_000_000));
  public static final Setting<Double> ALERT_LATENCY_PERCENTILE =
      define(
          "alert.latency.percentile",
          INTEGER,
          "off",
          "95",
          "Route percentile rule, e.g. `95`: alert when the route's p95 over the window is above its latency threshold (that is, more than 5% of its requests were slower). Replaces single-request latency alerts. Alias `{service_id}-{route}-latency-p95-alert`.",
          RuleValues::percentile);
  public static final Setting<Duration> ALERT_AUTO_CLOSE =
      define(
          "alert.auto.close",
          DURATION,
          "off",
          "10m",
          "Close an alias we opened when its rule has matched no request for this long (and, for the route rules, the route is healthy again), and Opsgenie says no instance made it occur for as long (`GET /v2/alerts/{alias}?identifierType=alias`, `lastOccurredAt`): then `POST /v2/alerts/{alias}/close?identifierType=alias` with a note. At least twice `alert.cooldown`, so that an instance still failing refreshes the alert in time. Nothing is closed on shutdown.",
          (r, s) -> r.duration(s, Duration.ZERO, true));
  public static final Setting<Double> DEPENDENCY_ERROR_RATE =
      define(
          "dependency.error.rate",
          NUMBER,
          "off",
          "0.5",
          "Failing dependencies: alert when at least this share of the calls to one dependency (CLIENT spans of HTTP, gRPC and database clients) within `alert.window` failed (`error.type`, a status ≥ 500 or an ERROR span status), e.g. `0.5` or `50%`. The dependency is `peer.service`, else `server.address:server.port`, else `db.system.name` (or `db.system`) `/` `db.namespace`. Alias `{service_id}-dependency-{dependency}-alert`; fires once per breach; `alert.auto.close` closes it.",
          (r, s) -> r.share(s, "an error rate above 0 and at most 1, such as 0.5 or 50%"));
  public static final Setting<Integer> DEPENDENCY_MIN_REQUESTS =
      define(
          "dependency.min.requests",
          INTEGER,
          "`" + OpsgenieSettings.DEFAULT_DEPENDENCY_MIN_REQUESTS + "`",
          "20",
          "Calls a dependency needs in the window before `dependency.error.rate` judges it.",
          (r, s) -> r.integer(s, OpsgenieSettings.DEFAULT_DEPENDENCY_MIN_REQUESTS, 1, 1_000_000));
  public static final Setting<Integer> ALERT_ALIAS_BUDGET =
      define(
          "alert.alias.budget",
          INTEGER,
          "`" + OpsgenieSettings.DEFAULT_ALIAS_BUDGET + "`",
          "50",
          "Distinct aliases that may open alerts per `alert.window`; beyond it, new aliases are counted into one alert `{service_id}-otel-opsgenie-alias-budget-alert` naming the most frequent ones.",
          (r, s) -> r.integer(s, OpsgenieSettings.DEFAULT_ALIAS_BUDGET, 1, 10_000));

  public static final Setting<Boolean> ALERT_STACKTRACE =
      define(
          "alert.stacktrace",
          BOOLEAN,
          "`true`",
          "false",
          "`false` leaves every stack frame out of alerts (description and details); the exception's type and message stay. flask-opsgenie's `NO_TRACEBACK`.",
          (r, s) -> r.bool(s, true));
  public static final Setting<List<String>> ALERT_RESOURCE_ATTRIBUTES =
      define(
          "alert.resource.attributes",
          STRING_LIST,
          "`" + String.join(",", OpsgenieSettings.DEFAULT_RESOURCE_ATTRIBUTES) + "`",
          "service.version,k8s.pod.name",
          "Resource attributes copied into the details, each under its own name, when the span's resource has them (within the details limit). `none` leaves them all out.",
          ValueRules::resourceAttributes);

  public static final Setting<List<String>> POLICIES =
      define(
          "policies",
          POLICY_LIST,
          "none",
          "payments",
          "Named policies, in order: for the alerts of its routes, the first policy whose `routes` match decides priority, responders, tags, alias and optionally its own status and latency rules; other routes keep the global settings. Each is set as `otel.opsgenie.policy.<name>.<setting>` (see [Policies](#policies)).",
          PolicySettings::names);

  private static final Map<String, Setting<?>> BY_KEY = Setting.byKey(ALL);

  private SettingsRegistry() {}

  private static <T> Setting<T> define(
      String key,
      Setting.YamlType yamlType,
      String defaultDoc,
      String example,
      String doc,
      Setting.Parser<T> parser) {
    return Setting.define(ALL, key, yamlType, defaultDoc, example, doc, parser);
  }

  private static String orElse(String value, String fallback) {
    return value != null ? value : fallback;
  }

  /** Every setting, in the order of the documentation. */
  public static List<Setting<?>> all() {
    return Collections.unmodifiableList(ALL);
  }

  /** The setting with this flat key (without the prefix), or null. */
  public static Setting<?> find(String key) {
    return BY_KEY.get(key);
  }

  /** Every flat key without the prefix. */
  public static Set<String> keys() {
    return Collections.unmodifiableSet(BY_KEY.keySet());
  }
}
