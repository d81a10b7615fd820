-- The alerts page lists alerts newest first, a page at a time, open or cleared: an index in that
-- order spares a sort of every alert ever raised. Written for MySQL/MariaDB and H2 alike.
CREATE INDEX ix_alert_raised ON alert (raised_ms, id);
