-- Set when a command is queued for the host, cleared when its push picks commands up: most
-- pushes then need no query of the command table at all.
ALTER TABLE host ADD COLUMN commands_pending BOOLEAN DEFAULT FALSE NOT NULL;
