/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.content;

import io.github.otelopsgenie.internal.alert.AlertType;
import io.github.otelopsgenie.internal.alert.OpsgenieAlert;
import io.github.otelopsgenie.internal.rules.RpcStatusRule;
import io.github.otelopsgenie.internal.settings.Policy;

/**
 * The alert of a gRPC call that ended with an alerting gRPC status: the method (its route), the
 * status by name and number, duration and trace. Shares the common parts with {@link AlertFactory};
 * its alias is the status alias ({@code {status_code}} is the gRPC status name). A policy whose
 * routes match the method ({@code {rpc.service}/{rpc.method}}) gives its priority, tags, responders
 * and alias, as for an HTTP status alert.
 */
public final class RpcAlertFactory {

  private final AlertFactory common;

  public RpcAlertFactory(AlertFactory common) {
    this.common = common;
  }

  public OpsgenieAlert status(SpanFacts facts, String alias, Policy policy) {
    long code = facts.rpcStatus;
    String name = RpcStatusRule.name(code);
    String method = facts.route != null ? facts.route : facts.spanName;
    String message =
        common.message(
            facts, "gRPC " + method, " returned unaccepted status : " + name + " (" + code + ")");
    OpsgenieAlert.Builder alert =
        common
            .start(AlertType.RPC_STATUS, facts, policy)
            .setMessage(message)
            .setAlias(alias)
            .setDescription(
                AlertText.appendTrace(
                        new StringBuilder("gRPC method ")
                            .append(method)
                            .append(" of service ")
                            .append(common.sid(facts))
                            .append(" returned status ")
                            .append(name)
                            .append(" (")
                            .append(code)
                            .append(").\nDuration : ")
                            .append(AlertText.formatMillis(facts.durationNanos))
                            .append("ms.\n"),
                        facts,
                        common.traceUrl(facts))
                    .toString());
    alert
        .putDetail("route", method)
        .putDetail("grpc_status", name)
        .putDetail("grpc_status_code", Long.toString(code))
        .putDetail("duration_ms", AlertText.formatMillis(facts.durationNanos))
        .putDetail("span_kind", "server")
        .putDetail("trace_id", facts.traceId)
        .putDetail("span_id", facts.spanId)
        .putDetail("trace_url", common.traceUrl(facts));
    return common.finish(alert, facts);
  }
}
