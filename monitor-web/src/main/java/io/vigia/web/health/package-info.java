/** MicroProfile Health probes, one class each. */
package io.vigia.web.health;
