-- Container history (issue 12): each container's CPU and memory at every batch (raw), rolled up
-- into 1-minute and 1-hour buckets with the hosts' samples, kept as long as they are.
-- Written for MySQL/MariaDB and H2 alike; times are BIGINT epoch milliseconds.

-- One row per container per stored batch. seq makes the key unique even if an agent stamps two
-- batches with the same ts. Charts read one container's rows by the key; rollup and retention
-- read a host's rows by time through ix_container_raw_host_ts.
CREATE TABLE container_raw (
  host_id         BIGINT       NOT NULL,
  container_id    VARCHAR(128) NOT NULL,
  ts_ms           BIGINT       NOT NULL,
  seq             BIGINT       NOT NULL,
  cpu_pct         DOUBLE,
  mem_used_bytes  BIGINT,
  mem_limit_bytes BIGINT,
  PRIMARY KEY (host_id, container_id, ts_ms, seq),
  CONSTRAINT fk_container_raw_host FOREIGN KEY (host_id) REFERENCES host (id)
);
CREATE INDEX ix_container_raw_host_ts ON container_raw (host_id, ts_ms);

-- Rollups: per container and bucket, how many raw rows (n) and min/avg/max of each metric
-- (cpu_pct: share of one core, as the agent reports it; mem_used: bytes as docker stats shows).
CREATE TABLE container_1m (
  host_id      BIGINT       NOT NULL,
  container_id VARCHAR(128) NOT NULL,
  bucket_ms    BIGINT       NOT NULL,
  n            INT          NOT NULL,
  cpu_pct_min  DOUBLE,
  cpu_pct_avg  DOUBLE,
  cpu_pct_max  DOUBLE,
  mem_used_min DOUBLE,
  mem_used_avg DOUBLE,
  mem_used_max DOUBLE,
  PRIMARY KEY (host_id, container_id, bucket_ms),
  CONSTRAINT fk_container_1m_host FOREIGN KEY (host_id) REFERENCES host (id)
);
CREATE INDEX ix_container_1m_host_bucket ON container_1m (host_id, bucket_ms);
-- The fleet's busiest containers over a span read the rollups by time alone.
CREATE INDEX ix_container_1m_bucket ON container_1m (bucket_ms);

CREATE TABLE container_1h (
  host_id      BIGINT       NOT NULL,
  container_id VARCHAR(128) NOT NULL,
  bucket_ms    BIGINT       NOT NULL,
  n            INT          NOT NULL,
  cpu_pct_min  DOUBLE,
  cpu_pct_avg  DOUBLE,
  cpu_pct_max  DOUBLE,
  mem_used_min DOUBLE,
  mem_used_avg DOUBLE,
  mem_used_max DOUBLE,
  PRIMARY KEY (host_id, container_id, bucket_ms),
  CONSTRAINT fk_container_1h_host FOREIGN KEY (host_id) REFERENCES host (id)
);
CREATE INDEX ix_container_1h_host_bucket ON container_1h (host_id, bucket_ms);
CREATE INDEX ix_container_1h_bucket ON container_1h (bucket_ms);

-- The minute snapshots (names, images, states) were never purged: they are now kept as long as
-- raw samples, and the busiest-containers view names containers that are gone from them.
CREATE INDEX ix_container_sample_host_container ON container_sample (host_id, container_id, ts_ms);
