/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * Internal. Getting alerts and closes to Opsgenie without ever blocking a request thread, built as
 * the SDK's {@code BatchSpanProcessor} is: the {@code AlertSink} the processor offers to; the
 * {@code AlertSender} facade (storm control by {@code StormControl}); its {@code Worker} thread
 * over a bounded {@code WorkQueue} that keeps room for closes and notes (drain, send, retry by
 * {@code RetryPolicy}, flush, shut down by a {@code ShutdownDeadline}); the queued {@code
 * WorkItem}s, an {@code AlertItem} or a {@code CloseItem} (which reads first, deciding on evidence
 * in {@code AliasReads}); the {@code OpsgenieClient} interface with its two destinations, {@code
 * HttpOpsgenieClient} (each request's total deadline kept by {@code RequestDeadline}) and, without
 * a key, {@code LoggingOpsgenieClient}; every request body in {@code RequestBodies}, written by
 * {@code JsonWriter} (answers are read by {@code JsonReader}: no JSON library is bundled); the
 * worker's log lines, rejections included, in {@code DeliveryLog}; the self-metrics ({@code
 * SenderMetrics}); and the heartbeat: {@code HeartbeatPinger} pings it from a thread of its own
 * with a client of its own, {@code HeartbeatCheck} reads (or creates) it once at startup. The
 * worker's and the pinger's work begins at a {@code StartGate}: after the host finished starting
 * ({@code HostStartup}: the agent's premain, or a delay without the agent) or at the first alert.
 * {@code Senders} builds a sender from the settings.
 *
 * <p>May use {@code settings}, {@code alert} and {@code util}; it knows nothing of spans. The API
 * key and base arrive as the settings accepted them: their rules live there, not here.
 */
package io.github.otelopsgenie.internal.delivery;
