-- container_mem_pct rules raise one alert per container: the open-alert key becomes
-- (rule, host, container). Written for MySQL/MariaDB and H2 alike.
--
-- container_id is '' for an alert about the host itself, never NULL: NULLs never collide in a
-- unique key, and host alerts must still be one open per (rule, host). container_name is what
-- Docker called it when the alert was raised (NULL when unknown), for messages and the API.
ALTER TABLE alert ADD COLUMN container_id VARCHAR(128) DEFAULT '' NOT NULL;
ALTER TABLE alert ADD COLUMN container_name VARCHAR(255);

-- The new key first, then the old one goes: on MySQL/MariaDB the foreign key on rule_id needs an
-- index that starts with rule_id at every moment, and the new key is one.
ALTER TABLE alert ADD CONSTRAINT uq_alert_open_container
  UNIQUE (rule_id, host_id, container_id, open_marker);
ALTER TABLE alert DROP CONSTRAINT uq_alert_open;
