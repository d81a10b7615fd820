/** Who may call: agent tokens (hashed, per host) and the fleet enrolment key. */
package io.vigia.monitor.security;
