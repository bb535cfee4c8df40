-- When a chat was last active (issue 37), what the chat list is ordered by: its latest message's time, or, for a chat
-- the phone's history names before any message of it is stored, the conversation's timestamp the history carries.
alter table chats add column last_activity_at timestamptz;
update chats set last_activity_at = last_message_at;
