/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.settings;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.resources.Resource;
import java.net.InetAddress;

/** Which service and host an alert speaks for, from the resource when there is one. */
public final class ServiceIdentity {

  private static final AttributeKey<String> SERVICE_NAME = AttributeKey.stringKey("service.name");
  private static final AttributeKey<String> HOST_NAME = AttributeKey.stringKey("host.name");
  private static final AttributeKey<String> ENVIRONMENT_NAME =
      AttributeKey.stringKey("deployment.environment.name");

  /** The name before semantic conventions 1.27. */
  private static final AttributeKey<String> OLD_ENVIRONMENT =
      AttributeKey.stringKey("deployment.environment");

  private ServiceIdentity() {}

  /**
   * The configured service id; else the resource's {@code service.name}, or {@code
   * java-service-{host}} when unset or unknown. Null when neither is there: declarative
   * configuration knows no resource, and alerts then take each span's {@code service.name}.
   */
  static String serviceIdOf(String configured, Resource resource, String host) {
    return configured != null || resource == null
        ? configured
        : serviceIdOf(resource.getAttribute(SERVICE_NAME), host);
  }

  /** {@code service.name}, or {@code java-service-{host}} when it is unset or unknown. */
  public static String serviceIdOf(String serviceName, String host) {
    if (serviceName == null
        || serviceName.trim().isEmpty()
        || serviceName.startsWith("unknown_service")) {
      return "java-service-" + host;
    }
    return serviceName.trim();
  }

  /**
   * The resource's {@code deployment.environment.name} (or the older {@code
   * deployment.environment}), trimmed; null when unset.
   */
  public static String environmentOf(Resource resource) {
    String env = resource.getAttribute(ENVIRONMENT_NAME);
    if (env == null || env.trim().isEmpty()) {
      env = resource.getAttribute(OLD_ENVIRONMENT);
    }
    return env == null || env.trim().isEmpty() ? null : env.trim();
  }

  /** The resource's {@code host.name}, else {@code $HOSTNAME}, else the local host's name. */
  public static String hostName(Resource resource) {
    String name = resource == null ? null : resource.getAttribute(HOST_NAME);
    if (name == null || name.isEmpty()) {
      name = System.getenv("HOSTNAME");
    }
    if (name == null || name.isEmpty()) {
      try {
        name = InetAddress.getLocalHost().getHostName();
      } catch (Exception e) {
        name = "unknown-host";
      }
    }
    return name;
  }
}
