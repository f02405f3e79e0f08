/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.rules;

import io.github.otelopsgenie.internal.settings.BeyondHttpSettings;
import io.github.otelopsgenie.internal.settings.OpsgenieSettings;

/**
 * gRPC status alerts: a gRPC server span whose {@code rpc.grpc.status_code} is one of {@code
 * otel.opsgenie.alert.rpc.status.codes}. Only read on server spans without an HTTP status, so an
 * HTTP status setting never matches a gRPC span, nor this one an HTTP span.
 */
public final class RpcStatusRule {

  private final boolean[] codes;
  private final boolean enabled;

  public RpcStatusRule(OpsgenieSettings settings) {
    this.codes = settings.rpcStatusCodes;
    boolean any = false;
    for (boolean code : codes) {
      any |= code;
    }
    this.enabled = any;
  }

  /** False when no gRPC code alerts: the processor then never reads the attribute. */
  public boolean enabled() {
    return enabled;
  }

  public boolean matches(long code) {
    return code >= 0 && code < codes.length && codes[(int) code];
  }

  /** {@code UNAVAILABLE} for 14; the number itself when it is no known code. */
  public static String name(long code) {
    return code >= 0 && code < BeyondHttpSettings.GRPC_STATUS_NAMES.size()
        ? BeyondHttpSettings.GRPC_STATUS_NAMES.get((int) code)
        : Long.toString(code);
  }
}
