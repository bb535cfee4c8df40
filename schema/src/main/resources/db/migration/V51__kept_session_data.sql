-- Rows a deleted session left behind (dataOnDelete: Retain), and whose they are: the UID of the WhatsAppSession that
-- wrote them. A later session of the same namespace and name (another object, another UID) is not handed them unless
-- it names that UID (annotation kubezap.io/adopt-kept-data); the operator writes and reads this table.
create table kept_session_data (
    namespace   text        not null,
    session     text        not null,
    session_uid text        not null,
    kept_at     timestamptz not null default now(),
    primary key (namespace, session)
);
