-- Users can be disabled (kept, with their name, instead of deleted) and tell when they last signed
-- in; the fleet key can be rotated from the Administration page. Written for MySQL/MariaDB and H2.

ALTER TABLE app_user ADD COLUMN enabled BOOLEAN DEFAULT TRUE NOT NULL;
-- When the user's password was last checked (login page or HTTP Basic), to within a minute.
ALTER TABLE app_user ADD COLUMN last_login_ms BIGINT;

-- Every fleet key an admin generated, newest in force; only its SHA-256 is kept (256 random bits,
-- like host tokens). While there is none, the configured vigia.fleet.key is the key.
INSERT INTO id_sequence (seq_name, seq_count) VALUES ('fleet_key', 0);
CREATE TABLE fleet_key (
  id         BIGINT      NOT NULL PRIMARY KEY,
  key_hash   CHAR(64)    NOT NULL,
  created_ms BIGINT      NOT NULL,
  created_by VARCHAR(64) NOT NULL
);
