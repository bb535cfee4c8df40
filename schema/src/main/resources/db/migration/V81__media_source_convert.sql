-- Issue 55: a media send given by URL takes the caller's `convert` option too (true: always convert, false: never,
-- absent: as its kind needs). The file is fetched when the message is sent, perhaps after a restart, so the option is
-- kept beside media_source_url until then (null: absent, as for every row written before).
--
-- Compatible with the previous release: a nullable column it never reads; a queued URL send it picks up during a
-- rollout is converted as its kind needs.
alter table messages add column media_source_convert boolean;
