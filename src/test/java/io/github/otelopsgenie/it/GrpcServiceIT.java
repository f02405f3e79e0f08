/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.opsgenie.standin.OpsgenieStandIn;
import com.example.opsgenie.standin.ReceivedAlert;
import com.example.opsgenie.standin.ServiceProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 16 end to end: the gRPC example (grpc-java, grpc-netty-shaded) under the real agent, called
 * by its own client without the agent. A method answering a listed gRPC status raises a status
 * alert (route {rpc.service}/{rpc.method}); OK and an unlisted status raise nothing; a handler that
 * throws raises the exception alert.
 */
@Timeout(120)
class GrpcServiceIT {

  private static final String KEY = "it-grpc-key";
  private static final String SERVICE_ID = "grpc-shop";

  private static OpsgenieStandIn standIn;
  private static ServiceProcess service;

  @BeforeAll
  static void start() throws Exception {
    standIn = E2e.standIn(KEY);
    Map<String, String> env = E2e.sendTo(standIn, KEY);
    env.put("OTEL_OPSGENIE_SERVICE_ID", SERVICE_ID);
    env.put("OTEL_OPSGENIE_ALERT_RPC_STATUS_CODES", "UNAVAILABLE,13");
    env.put("OTEL_OPSGENIE_ALERT_STATUS_CLASSES", "5XX");
    env.put("OTEL_OPSGENIE_ALERT_STATUS_ALIAS", "{service_id}-{route}-{status_code}");
    service =
        E2e.underAgent("grpc-service", E2e.grpcJar())
            .env(env)
            .arg("--port=0")
            .start(E2e.START_TIMEOUT);
  }

  @AfterAll
  static void stop() {
    E2e.checkContractAndStop(standIn, service);
  }

  /** Runs the example's client (no agent) with these orders; returns its answer lines. */
  private static List<String> call(String... orders) throws IOException, InterruptedException {
    Path jar = E2e.grpcJar();
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                jar.toString(),
                "com.example.opsgenie.grpc.GrpcCall",
                "127.0.0.1:" + service.port()));
    command.addAll(List.of(orders));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return out.lines().filter(l -> l.startsWith("CALL ")).toList();
  }

  @Test
  void listedGrpcStatusRaisesRpcStatusAlertAndOkOrUnlistedRaiseNothing() throws Exception {
    assertThat(call("ok", "fail:INVALID_ARGUMENT", "fail:NOT_FOUND"))
        .containsExactly(
            "CALL ok -> OK placed ok",
            "CALL fail:INVALID_ARGUMENT -> INVALID_ARGUMENT",
            "CALL fail:NOT_FOUND -> NOT_FOUND");
    Thread.sleep(E2e.QUIET.toMillis());
    assertThat(standIn.alerts())
        .as("OK and unlisted statuses")
        .noneMatch(a -> "rpc_status".equals(a.type()));

    assertThat(call("fail:UNAVAILABLE")).containsExactly("CALL fail:UNAVAILABLE -> UNAVAILABLE");
    String alias = SERVICE_ID + "-shop.Orders/Place-UNAVAILABLE";
    List<ReceivedAlert> alerts = standIn.await(a -> alias.equals(a.alias()), 1, E2e.ALERT_TIMEOUT);
    assertThat(alerts)
        .as("gRPC status alert; the stand-in received %s", standIn.alerts())
        .hasSize(1);
    ReceivedAlert alert = alerts.get(0);
    assertThat(alert.message())
        .isEqualTo(
            "gRPC shop.Orders/Place returned unaccepted status : UNAVAILABLE (14) | Alert generated from "
                + SERVICE_ID);
    assertThat(alert.details())
        .containsEntry("alert_type", "rpc_status")
        .containsEntry("route", "shop.Orders/Place")
        .containsEntry("grpc_status", "UNAVAILABLE")
        .containsEntry("grpc_status_code", "14");
    assertThat(alert.detail("trace_id")).matches("[0-9a-f]{32}");
  }

  @Test
  void handlerThatThrowsRaisesExceptionAlert() throws Exception {
    assertThat(call("throw")).containsExactly("CALL throw -> UNKNOWN");
    String alias = SERVICE_ID + "-IllegalStateException-exception-alert";
    List<ReceivedAlert> alerts = standIn.await(a -> alias.equals(a.alias()), 1, E2e.ALERT_TIMEOUT);
    assertThat(alerts).as("exception alert; the stand-in received %s", standIn.alerts()).hasSize(1);
    assertThat(alerts.get(0).message())
        .startsWith("shop.Orders/Place threw exception : IllegalStateException");
  }
}
