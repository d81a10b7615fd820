-- The event log, alert rules and alerts, and what alert evaluation remembers between runs.
-- Written for MySQL/MariaDB and H2 alike; times are BIGINT epoch milliseconds.

INSERT INTO id_sequence (seq_name, seq_count) VALUES ('event', 0);
INSERT INTO id_sequence (seq_name, seq_count) VALUES ('alert_rule', 0);
INSERT INTO id_sequence (seq_name, seq_count) VALUES ('alert', 0);

-- What happened, to which host (NULL: the fleet or the monitor itself), who did it and why.
-- actor is a user name, 'system' (the monitor) or 'agent' (the host's agent).
CREATE TABLE event (
  id       BIGINT        NOT NULL PRIMARY KEY,
  ts_ms    BIGINT        NOT NULL,
  host_id  BIGINT,
  kind     VARCHAR(32)   NOT NULL,
  severity VARCHAR(16)   NOT NULL,
  actor    VARCHAR(64)   NOT NULL,
  message  VARCHAR(512)  NOT NULL,
  detail   VARCHAR(2048),
  CONSTRAINT fk_event_host FOREIGN KEY (host_id) REFERENCES host (id)
);
CREATE INDEX ix_event_ts ON event (ts_ms, id);
CREATE INDEX ix_event_host_ts ON event (host_id, ts_ms);
CREATE INDEX ix_event_kind_ts ON event (kind, ts_ms);

-- metric: cpu_pct, ram_used_pct, container_mem_pct or host_offline; op: '>' or '<' (NULL for
-- host_offline, whose threshold is vigia.alert.offline-after). host_id NULL: every host.
CREATE TABLE alert_rule (
  id          BIGINT        NOT NULL PRIMARY KEY,
  name        VARCHAR(128)  NOT NULL,
  metric      VARCHAR(32)   NOT NULL,
  op          VARCHAR(1),
  threshold   DOUBLE,
  duration_s  INT           NOT NULL,
  host_id     BIGINT,
  webhook_url VARCHAR(1024),
  enabled     BOOLEAN       NOT NULL,
  CONSTRAINT fk_alert_rule_host FOREIGN KEY (host_id) REFERENCES host (id)
);

-- An alert is open while cleared_ms is NULL. open_marker is 1 while open and NULL once cleared:
-- the unique key then allows one open alert per (rule, host) and any number of cleared ones (NULLs
-- never collide), so two evaluators (two cluster nodes) cannot both raise the same alert.
-- raised_value, not "value": VALUE is a reserved word in H2.
CREATE TABLE alert (
  id           BIGINT   NOT NULL PRIMARY KEY,
  rule_id      BIGINT   NOT NULL,
  host_id      BIGINT   NOT NULL,
  raised_ms    BIGINT   NOT NULL,
  cleared_ms   BIGINT,
  raised_value DOUBLE,
  open_marker  SMALLINT,
  CONSTRAINT uq_alert_open UNIQUE (rule_id, host_id, open_marker),
  CONSTRAINT fk_alert_rule FOREIGN KEY (rule_id) REFERENCES alert_rule (id) ON DELETE CASCADE,
  CONSTRAINT fk_alert_host FOREIGN KEY (host_id) REFERENCES host (id)
);
CREATE INDEX ix_alert_cleared ON alert (cleared_ms);

-- Whether each host was online at the last evaluation, so a change is logged once.
CREATE TABLE host_presence (
  host_id    BIGINT  NOT NULL PRIMARY KEY,
  online     BOOLEAN NOT NULL,
  changed_ms BIGINT  NOT NULL,
  CONSTRAINT fk_host_presence_host FOREIGN KEY (host_id) REFERENCES host (id)
);

-- One row, locked by each evaluation run: runs on several nodes take turns instead of racing.
CREATE TABLE alert_evaluation (
  id                 INT    NOT NULL PRIMARY KEY,
  last_evaluated_ms  BIGINT NOT NULL
);
INSERT INTO alert_evaluation (id, last_evaluated_ms) VALUES (1, 0);
