/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * Internal. Reads, checks and holds the configuration, once, at startup. At run time the other
 * packages read only the held values and a few constants and pure helpers (the service identity,
 * the gRPC status names); nothing here is read again or checked again per span.
 *
 * <p>Owns every setting's definition (flat and YAML names, type, default, documentation line and
 * check), grouped by topic in the order of the documentation; the readers of the three sources
 * (flat properties and environment variables, the declarative YAML block, the public builder's
 * values); the checked, immutable settings the other packages read, with the named policies; and a
 * rejection that names every invalid setting, its value (never the API key; a URL's user info
 * masked) and the expected form. Each check lives with the topic that defines its setting, in the
 * topic's class or, when large, in a class named for the topic's checks; a check that involves two
 * settings lives with the topic of the setting it constrains. The generated tables in README.md and
 * docs/configuration.md, the builder's setters and the unknown-key warnings all follow the one
 * ordered registry.
 *
 * <p>May use {@code alert} (Opsgenie's field limits, responders, the default priority), {@code
 * util} and the OpenTelemetry SDK's configuration and resource types; nothing above it: the engine
 * packages read the settings, never the reverse.
 */
package io.github.otelopsgenie.internal.settings;
