-- Event texts in no language yet (io.vigia.monitor.event.EventText as JSON) beside the English
-- message and detail the API answers with, so that pages word them in their reader's language.
-- NULL on rows written before, and where the English is all there is (a user's reason).
ALTER TABLE event ADD COLUMN message_text VARCHAR(2048);
ALTER TABLE event ADD COLUMN detail_text VARCHAR(4096);
