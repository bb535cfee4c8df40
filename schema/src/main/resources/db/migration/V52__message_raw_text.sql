-- A message's text as it came, when it held characters PostgreSQL cannot store in text (NUL): `text` shows them as
-- U+FFFD, and this column keeps the original, base64 of its UTF-8 bytes (null for every other message).
alter table messages add column raw_text text;
