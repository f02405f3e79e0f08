package com.example.opsgenie.standin;

import java.nio.file.Path;

/**
 * Runs the stand-in until stopped, printing each alert and each close as it arrives: {@code java
 * -jar opsgenie-stand-in.jar [port] [spec-dir]}. It checks every body against the Opsgenie API
 * contract it carries ({@link AlertContract#load()}), or against the one in {@code spec-dir} when
 * given. Point a service at it with {@code OTEL_OPSGENIE_API_BASE=http://127.0.0.1:<port>} and any
 * {@code OTEL_OPSGENIE_TOKEN}.
 */
public final class StandInMain {

  private StandInMain() {}

  public static void main(String[] args) throws Exception {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 8089;
    AlertContract contract =
        args.length > 1 ? AlertContract.load(Path.of(args[1])) : AlertContract.load();
    OpsgenieStandIn standIn = OpsgenieStandIn.start(port, contract, null);
    standIn.onAlert(alert -> System.out.println(AlertPrinter.format(alert)));
    standIn.onClose(close -> System.out.println(AlertPrinter.format(close)));
    System.out.println("Opsgenie stand-in listening on " + standIn.baseUrl());
    System.out.println(
        "  OTEL_OPSGENIE_API_BASE=" + standIn.baseUrl() + " OTEL_OPSGENIE_TOKEN=<any>");
    Thread.currentThread().join();
  }
}
