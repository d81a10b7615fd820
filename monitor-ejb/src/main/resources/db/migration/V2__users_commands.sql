-- Users of the UI and API (roles viewer < operator < admin), and commands sent to agents.

INSERT INTO id_sequence (seq_name, seq_count) VALUES ('app_user', 0);
INSERT INTO id_sequence (seq_name, seq_count) VALUES ('command', 0);

CREATE TABLE app_user (
  id            BIGINT       NOT NULL PRIMARY KEY,
  username      VARCHAR(64)  NOT NULL,
  password_hash VARCHAR(512) NOT NULL,
  role          VARCHAR(16)  NOT NULL,
  created_ms    BIGINT       NOT NULL,
  CONSTRAINT uq_user_name UNIQUE (username)
);

-- A command is its own audit record: who asked, why, when it was sent, what the agent answered.
CREATE TABLE command (
  id           BIGINT        NOT NULL PRIMARY KEY,
  host_id      BIGINT        NOT NULL,
  type         VARCHAR(16)   NOT NULL,
  pid          INT,
  start_ticks  BIGINT,
  state        VARCHAR(16)   NOT NULL,
  detail       VARCHAR(1024),
  requested_by VARCHAR(64)   NOT NULL,
  reason       VARCHAR(255),
  created_ms   BIGINT        NOT NULL,
  sent_ms      BIGINT,
  finished_ms  BIGINT,
  expires_ms   BIGINT        NOT NULL,
  CONSTRAINT fk_command_host FOREIGN KEY (host_id) REFERENCES host (id)
);
CREATE INDEX ix_command_host_state ON command (host_id, state);
