package io.vigia.monitor;

import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.ejb.Singleton;

/**
 * The application's one datasource, {@code java:app/jdbc/vigia}. Its settings come from system
 * properties or environment at deployment ({@code vigia.db.*} / {@code VIGIA_DB_*}), so no
 * descriptor holds a password. {@code ./vigia up} sets them; see the README for the keys.
 */
@DataSourceDefinition(
    name = "java:app/jdbc/vigia",
    className = "${MPCONFIG=vigia.db.datasource}",
    url = "${MPCONFIG=vigia.db.url}",
    user = "${MPCONFIG=vigia.db.user}",
    password = "${MPCONFIG=vigia.db.password}",
    minPoolSize = 2,
    maxPoolSize = 32,
    properties = {
      "fish.payara.is-connection-validation-required=true",
      "fish.payara.connection-validation-method=meta-data"
    })
@Singleton
public class VigiaDataSource {}
