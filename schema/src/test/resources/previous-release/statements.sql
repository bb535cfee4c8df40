-- release: 0.1.0
-- schema: 75
-- What the session pods of release 0.1.0 write and read: per table one insert (the columns its schema made
-- them fill) and one select (every column it had). Written by PreviousRelease.write when the release was
-- cut (docs/releasing.md); PreviousReleaseOnTheNewSchemaTest runs it, as a session role, on the head.
insert into messages (namespace, session, id, chat_jid, direction, type, status, created_at, updated_at, origin)
    values ('tenant', 'previous', 'previous-release', 'previous-release', 'in', 'previous-release', 'previous-release', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', 'api')
    on conflict (namespace, session, id) do nothing;
select namespace, session, id, wa_message_id, chat_jid, sender_jid, push_name, direction, type, text, quoted_message_id, mentions, status, failure_reason, idempotency_key, created_at, updated_at, media, media_locator, media_source_url, content, origin, edited_at, deleted_at, deleted_by, hidden_at, raw_text, traceparent, tracestate, metadata, traits, starred, history from messages;
insert into events (namespace, session, type, payload, occurred_at)
    values ('tenant', 'previous', 'previous-release', '{}', '2026-01-01T00:00:00Z')
    on conflict (id) do nothing;
select id, namespace, session, type, payload, occurred_at, traceparent, tracestate from events;
insert into groups (namespace, session, jid, subject, my_role, updated_at)
    values ('tenant', 'previous', 'previous-release', 'previous-release', 'superadmin', '2026-01-01T00:00:00Z')
    on conflict (namespace, session, jid) do nothing;
select namespace, session, jid, subject, description, owner_jid, announce, locked, my_role, updated_at, ephemeral_seconds, join_approval, community, parent_jid, announcements_group from groups;
insert into calls (namespace, session, id, caller_jid, video, status, rejected_by, offered_at, updated_at)
    values ('tenant', 'previous', 'previous-release', 'previous-release', false, 'ringing', 'api', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')
    on conflict (namespace, session, id) do nothing;
select namespace, session, id, caller_jid, video, status, offline, rejected_by, offered_at, updated_at from calls;
insert into chats (namespace, session, jid, created_at)
    values ('tenant', 'previous', 'previous-release', '2026-01-01T00:00:00Z')
    on conflict (namespace, session, jid) do nothing;
select namespace, session, jid, name, message_count, last_message_id, last_message_at, created_at, unread_count, last_message_preview, last_message_from_me, archived, pinned_at, muted_until, marked_unread, last_activity_at from chats;
insert into contacts (namespace, session, jid, updated_at)
    values ('tenant', 'previous', 'previous-release', '2026-01-01T00:00:00Z')
    on conflict (namespace, session, jid) do nothing;
select namespace, session, jid, phone_number, push_name, updated_at, name, short_name, business_name from contacts;
insert into group_notifications (namespace, session, id, received_at)
    values ('tenant', 'previous', 'previous-release', '2026-01-01T00:00:00Z')
    on conflict (namespace, session, id) do nothing;
select namespace, session, id, received_at from group_notifications;
insert into group_participants (namespace, session, group_jid, jid, role)
    values ('tenant', 'previous', 'previous-release', 'previous-release', 'superadmin')
    on conflict (namespace, session, group_jid, jid) do nothing;
select namespace, session, group_jid, jid, role from group_participants;
insert into history_downloads (namespace, session, notification_id, sync_type, chunk_order, direct_path, size, attempts, next_attempt_at, created_at)
    values ('tenant', 'previous', 'previous-release', 'previous-release', 1, 'previous-release', 1, 1, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')
    on conflict (namespace, session, notification_id) do nothing;
select namespace, session, notification_id, sync_type, chunk_order, progress, direct_path, media_key, file_sha256, file_enc_sha256, size, attempts, last_error, next_attempt_at, created_at from history_downloads;
insert into kept_session_data (namespace, session, session_uid)
    values ('tenant', 'previous', 'previous-release')
    on conflict (namespace, session) do nothing;
select namespace, session, session_uid, kept_at from kept_session_data;
insert into key_store_mirrors (namespace, session, device, keys, store, written_at, mirrored_at)
    values ('tenant', 'previous', '00000000-0000-0000-0000-000000000001', '\x00', '\x00', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')
    on conflict (namespace, session) do nothing;
select namespace, session, device, keys, store, written_at, mirrored_at from key_store_mirrors;
insert into label_assignments (namespace, session, label_id, chat_jid, created_at)
    values ('tenant', 'previous', 'previous-release', 'previous-release', '2026-01-01T00:00:00Z')
    on conflict (namespace, session, label_id, chat_jid, message_id) do nothing;
select namespace, session, label_id, chat_jid, message_id, created_at from label_assignments;
insert into labels (namespace, session, id, name, updated_at)
    values ('tenant', 'previous', 'previous-release', 'previous-release', '2026-01-01T00:00:00Z')
    on conflict (namespace, session, id) do nothing;
select namespace, session, id, name, color, updated_at from labels;
insert into lid_mappings (namespace, session, lid, phone_jid, source, learned_at)
    values ('tenant', 'previous', 'previous-release', 'previous-release', 'message', '2026-01-01T00:00:00Z')
    on conflict (namespace, session, lid) do nothing;
select namespace, session, lid, phone_jid, source, learned_at from lid_mappings;
insert into message_edits (namespace, session, message_id, edited_at)
    values ('tenant', 'previous', 'previous-release', '2026-01-01T00:00:00Z')
    on conflict (id) do nothing;
select id, namespace, session, message_id, text, edited_at from message_edits;
insert into message_reactions (namespace, session, message_id, sender_jid, emoji, at)
    values ('tenant', 'previous', 'previous-release', 'previous-release', 'previous-release', '2026-01-01T00:00:00Z')
    on conflict (namespace, session, message_id, sender_jid) do nothing;
select namespace, session, message_id, sender_jid, emoji, at from message_reactions;
insert into message_receipts (namespace, session, message_id, participant, status, at)
    values ('tenant', 'previous', 'previous-release', 'previous-release', 'previous-release', '2026-01-01T00:00:00Z')
    on conflict (namespace, session, message_id, participant) do nothing;
select namespace, session, message_id, participant, status, at from message_receipts;
insert into message_status_history (namespace, session, message_id, status, at)
    values ('tenant', 'previous', 'previous-release', 'previous-release', '2026-01-01T00:00:00Z')
    on conflict (id) do nothing;
select id, namespace, session, message_id, status, reason, at from message_status_history;
insert into number_checks (namespace, session, number, exists, checked_at)
    values ('tenant', 'previous', 'previous-release', false, '2026-01-01T00:00:00Z')
    on conflict (namespace, session, number) do nothing;
select namespace, session, number, exists, checked_at, lid from number_checks;
insert into outbound_queue (namespace, session, message_id, state, next_attempt_at, created_at)
    values ('tenant', 'previous', 'previous-release', 'queued', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')
    on conflict (namespace, session, message_id) do nothing;
select namespace, session, message_id, state, attempts, next_attempt_at, last_error, created_at, wa_message_id, delay_ms, typing from outbound_queue;
insert into pending_message_updates (namespace, session, chat_jid, target_id, update_id, from_me, payload, at, received_at)
    values ('tenant', 'previous', 'previous-release', 'previous-release', 'previous-release', false, '{}', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')
    on conflict (id) do nothing;
select id, namespace, session, chat_jid, target_id, update_id, actor_jid, from_me, payload, at, received_at from pending_message_updates;
insert into poll_votes (namespace, session, message_id, voter_jid, options, at)
    values ('tenant', 'previous', 'previous-release', 'previous-release', '{}', '2026-01-01T00:00:00Z')
    on conflict (namespace, session, message_id, voter_jid) do nothing;
select namespace, session, message_id, voter_jid, options, at from poll_votes;
insert into presences (namespace, session, jid, state, updated_at)
    values ('tenant', 'previous', 'previous-release', 'available', '2026-01-01T00:00:00Z')
    on conflict (namespace, session, jid) do nothing;
select namespace, session, jid, state, last_seen, updated_at from presences;
insert into session_state_history (namespace, session, phase, state, recorded_at)
    values ('tenant', 'previous', 'previous-release', '{}', '2026-01-01T00:00:00Z')
    on conflict (id) do nothing;
select id, namespace, session, phase, state, recorded_at from session_state_history;
insert into sink_cursors (namespace, session, sink)
    values ('tenant', 'previous', 'previous-release')
    on conflict (namespace, session, sink) do nothing;
select namespace, session, sink, last_event_id, delivered_at, last_attempt_at, last_error, failing_since from sink_cursors;
insert into sink_deliveries (namespace, session, sink, event_id)
    values ('tenant', 'previous', 'previous-release', (select max(id) from events))
    on conflict (namespace, session, sink, event_id) do nothing;
select namespace, session, sink, event_id from sink_deliveries;
insert into web_versions (namespace, session, version, worked_at)
    values ('tenant', 'previous', '2.3000.1', '2026-01-01T00:00:00Z')
    on conflict (namespace, session) do nothing;
select namespace, session, version, worked_at from web_versions;
insert into webhook_deliveries (id, namespace, session, event_id, event_type, endpoint_url, payload, status, next_attempt_at, created_at)
    values ('previous-release', 'tenant', 'previous', (select max(id) from events), 'previous-release', 'previous-release', 'previous-release', 'pending', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')
    on conflict (id) do nothing;
select id, seq, namespace, session, event_id, event_type, endpoint_url, payload, status, attempts, next_attempt_at, last_attempt_at, last_status_code, last_error, created_at, delivered_at from webhook_deliveries;
