/** The monitor's own metrics, published by MicroProfile Metrics at {@code /metrics}. */
package io.vigia.web.metrics;
