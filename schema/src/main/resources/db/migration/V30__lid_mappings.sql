-- Which phone number stands behind a linked identity (…@lid), as WhatsApp told this session: from a message's
-- attributes (sender_pn, participant_pn, sender_lid), a number check (usync) or group metadata. Kept so that every
-- stored message, chat and contact can show both forms, and survives restarts.
create table lid_mappings (
    namespace  text        not null,
    session    text        not null,
    lid        text        not null,
    phone_jid  text        not null,
    source     text        not null check (source in ('message', 'usync', 'group')),
    learned_at timestamptz not null,
    primary key (namespace, session, lid)
);
create index lid_mappings_phone on lid_mappings (namespace, session, phone_jid);

-- A number check remembers the linked identity WhatsApp answered with.
alter table number_checks add column lid text;
