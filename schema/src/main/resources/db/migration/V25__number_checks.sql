-- Answers to "is this number on WhatsApp?", kept so that repeated checks do not ask WhatsApp again (bulk lookups get
-- numbers banned).
create table number_checks (
    namespace  text        not null,
    session    text        not null,
    number     text        not null,
    exists     boolean     not null,
    checked_at timestamptz not null,
    primary key (namespace, session, number)
);
