/** The HTTP API under {@code /api/v1}: agents push and enrol; users read hosts. */
package io.vigia.web.api;
