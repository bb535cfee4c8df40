-- Receipts per participant of the messages sent to groups: the furthest each member got (delivered, read, played).
create table message_receipts (
    namespace   text        not null,
    session     text        not null,
    message_id  text        not null,
    participant text        not null,
    status      text        not null,
    at          timestamptz not null,
    primary key (namespace, session, message_id, participant),
    foreign key (namespace, session, message_id) references messages (namespace, session, id) on delete cascade
);
