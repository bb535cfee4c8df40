-- A group's newer settings, as WhatsApp last described them (issue 38): ephemeral_seconds, how long its messages last
-- (0: they stay); join_approval, joining by link waits for an admin's approval; community, it is a community (the
-- parent of linked groups); parent_jid, the community it is linked to (null: none); announcements_group, it is its
-- community's announcements group.
alter table groups
    add column ephemeral_seconds   bigint  not null default 0,
    add column join_approval       boolean not null default false,
    add column community           boolean not null default false,
    add column parent_jid          text,
    add column announcements_group boolean not null default false;
