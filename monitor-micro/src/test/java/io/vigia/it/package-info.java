/**
 * Black-box integration tests of the Micro WAR: Arquillian deploys the built {@code
 * vigia-monitor.war} to a managed Payara Micro backed by a real MariaDB, and the tests speak HTTP
 * to it and read the database directly to see what was stored.
 */
package io.vigia.it;
