-- Once a minute per host: the top processes (by CPU and by memory) and every container, so
-- history can show what was running. The full, latest lists live in memory (LatestState).

CREATE TABLE process_snapshot (
  host_id     BIGINT       NOT NULL,
  ts_ms       BIGINT       NOT NULL,
  pid         INT          NOT NULL,
  start_ticks BIGINT       NOT NULL,
  name        VARCHAR(64)  NOT NULL,
  username    VARCHAR(64),
  state       CHAR(1)      NOT NULL,
  cpu_pct     DOUBLE,
  rss_kb      BIGINT,
  PRIMARY KEY (host_id, ts_ms, pid),
  CONSTRAINT fk_psnap_host FOREIGN KEY (host_id) REFERENCES host (id)
);

CREATE TABLE container_sample (
  host_id         BIGINT       NOT NULL,
  ts_ms           BIGINT       NOT NULL,
  container_id    VARCHAR(128) NOT NULL,
  name            VARCHAR(255),
  image           VARCHAR(512),
  state           VARCHAR(32),
  cpu_pct         DOUBLE,
  mem_used_bytes  BIGINT,
  mem_limit_bytes BIGINT,
  PRIMARY KEY (host_id, ts_ms, container_id),
  CONSTRAINT fk_csample_host FOREIGN KEY (host_id) REFERENCES host (id)
);

ALTER TABLE host ADD COLUMN snapshot_ms BIGINT;
