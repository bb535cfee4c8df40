-- The WhatsApp id a send uses is chosen before the engine is called and kept: a send the pod was killed in the middle
-- of is sent again after the restart with the same id, which recipients show once.
alter table outbound_queue add column wa_message_id text;
