-- Containers (issue 12): container actions as commands, and the prune policy.
-- Written for MySQL/MariaDB and H2 alike; times are BIGINT epoch milliseconds.

-- A container action names its container (full id or name) and, for a stop, its timeout.
ALTER TABLE command ADD COLUMN container_id VARCHAR(128);
ALTER TABLE command ADD COLUMN timeout_s INT;

-- The prune policy: one fleet-wide row (host_id NULL, scope 'fleet') and per-host overrides
-- (scope 'host:<id>'). classes is the JSON array of the wire format's ContainerClass; version
-- changes on every write, and agents are sent the policy again whenever theirs differs.
CREATE TABLE container_policy (
  scope      VARCHAR(32)   NOT NULL PRIMARY KEY,
  host_id    BIGINT,
  dry_run    BOOLEAN       NOT NULL,
  classes    VARCHAR(12000) NOT NULL,
  version    VARCHAR(64)   NOT NULL,
  updated_ms BIGINT        NOT NULL,
  updated_by VARCHAR(64)   NOT NULL,
  CONSTRAINT fk_cpolicy_host FOREIGN KEY (host_id) REFERENCES host (id)
);
