/**
 * The monitor's own metrics in the Prometheus text format, served at {@code /api/v1/metrics}
 * (Payara's MicroProfile Metrics keep {@code /metrics} for the JVM and the server).
 */
package io.vigia.web.metrics;
