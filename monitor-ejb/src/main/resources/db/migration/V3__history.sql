-- History: 1-minute and 1-hour rollups of the raw samples, and how far each rollup has got.
-- A rollup row holds, for one host and one bucket (its start, epoch ms), how many raw samples it
-- covers (n) and the min/avg/max of each metric. ram_used_pct is 100 * (total - available) / total;
-- swap_used_kb is total - free. Written for MySQL/MariaDB and H2 alike.

CREATE TABLE sample_1m (
  host_id              BIGINT NOT NULL,
  bucket_ms            BIGINT NOT NULL,
  n                    INT    NOT NULL,
  cpu_pct_min          DOUBLE,
  cpu_pct_avg          DOUBLE,
  cpu_pct_max          DOUBLE,
  ram_used_pct_min     DOUBLE,
  ram_used_pct_avg     DOUBLE,
  ram_used_pct_max     DOUBLE,
  load1_min            DOUBLE,
  load1_avg            DOUBLE,
  load1_max            DOUBLE,
  mem_available_kb_min DOUBLE,
  mem_available_kb_avg DOUBLE,
  mem_available_kb_max DOUBLE,
  swap_used_kb_min     DOUBLE,
  swap_used_kb_avg     DOUBLE,
  swap_used_kb_max     DOUBLE,
  PRIMARY KEY (host_id, bucket_ms),
  CONSTRAINT fk_sample_1m_host FOREIGN KEY (host_id) REFERENCES host (id)
);

CREATE TABLE sample_1h (
  host_id              BIGINT NOT NULL,
  bucket_ms            BIGINT NOT NULL,
  n                    INT    NOT NULL,
  cpu_pct_min          DOUBLE,
  cpu_pct_avg          DOUBLE,
  cpu_pct_max          DOUBLE,
  ram_used_pct_min     DOUBLE,
  ram_used_pct_avg     DOUBLE,
  ram_used_pct_max     DOUBLE,
  load1_min            DOUBLE,
  load1_avg            DOUBLE,
  load1_max            DOUBLE,
  mem_available_kb_min DOUBLE,
  mem_available_kb_avg DOUBLE,
  mem_available_kb_max DOUBLE,
  swap_used_kb_min     DOUBLE,
  swap_used_kb_avg     DOUBLE,
  swap_used_kb_max     DOUBLE,
  PRIMARY KEY (host_id, bucket_ms),
  CONSTRAINT fk_sample_1h_host FOREIGN KEY (host_id) REFERENCES host (id)
);

-- Every bucket that starts before done_until_ms has been rolled up (the high-water mark). A run
-- locks its level's row, so two runs (two timers, or a timer and an operator) never overlap.
CREATE TABLE rollup_state (
  rollup_level  VARCHAR(8) NOT NULL PRIMARY KEY,
  done_until_ms BIGINT     NOT NULL
);
INSERT INTO rollup_state (rollup_level, done_until_ms) VALUES ('1m', 0);
INSERT INTO rollup_state (rollup_level, done_until_ms) VALUES ('1h', 0);
