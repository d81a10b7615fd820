-- Hosts, their agent tokens (hashed), and raw samples. Written for MySQL/MariaDB and H2 alike.
-- Times are BIGINT epoch milliseconds: exact on every database, no time zone to get wrong.

CREATE TABLE id_sequence (
  seq_name  VARCHAR(50) NOT NULL PRIMARY KEY,
  seq_count BIGINT      NOT NULL
);
INSERT INTO id_sequence (seq_name, seq_count) VALUES ('host', 0);

CREATE TABLE host (
  id           BIGINT       NOT NULL PRIMARY KEY,
  name         VARCHAR(255) NOT NULL,
  agent_id     VARCHAR(64)  NOT NULL,
  created_ms   BIGINT       NOT NULL,
  last_seen_ms BIGINT,
  last_seq     BIGINT,
  cpu_pct      DOUBLE,
  ram_used_pct DOUBLE,
  CONSTRAINT uq_host_name UNIQUE (name),
  CONSTRAINT uq_host_agent UNIQUE (agent_id)
);

CREATE TABLE agent_token (
  token_hash CHAR(64) NOT NULL PRIMARY KEY,
  host_id    BIGINT   NOT NULL,
  created_ms BIGINT   NOT NULL,
  revoked_ms BIGINT,
  CONSTRAINT fk_token_host FOREIGN KEY (host_id) REFERENCES host (id)
);

CREATE TABLE sample (
  host_id          BIGINT NOT NULL,
  seq              BIGINT NOT NULL,
  ts_ms            BIGINT NOT NULL,
  cpu_pct          DOUBLE,
  cores            INT,
  mem_total_kb     BIGINT,
  mem_free_kb      BIGINT,
  mem_available_kb BIGINT,
  buffers_kb       BIGINT,
  cached_kb        BIGINT,
  swap_total_kb    BIGINT,
  swap_free_kb     BIGINT,
  load1            DOUBLE,
  load5            DOUBLE,
  load15           DOUBLE,
  PRIMARY KEY (host_id, seq),
  CONSTRAINT fk_sample_host FOREIGN KEY (host_id) REFERENCES host (id)
);
CREATE INDEX ix_sample_host_ts ON sample (host_id, ts_ms);
