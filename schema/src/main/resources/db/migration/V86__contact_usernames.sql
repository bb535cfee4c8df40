-- a contact's @username, as WhatsApp answers it (usync's username protocol, a @username resolved)
alter table contacts add column username text;
