-- Media messages: the media block the API shows (mime type, size, sha256, file name, caption), where WhatsApp
-- keeps the file and the keys to read it (never shown; lets a file evicted from the volume be fetched again),
-- and for a send given by URL, that URL until the file is fetched.
alter table messages add column media jsonb;
alter table messages add column media_locator jsonb;
alter table messages add column media_source_url text;
