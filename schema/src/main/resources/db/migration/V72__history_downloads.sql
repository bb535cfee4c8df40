-- History batches whose blob could not be had when their notification came (issue 37): WhatsApp does not send a
-- notification again once it is acknowledged, so the session keeps where the blob lives (the engine's HistoryBlob)
-- and reads it again with backoff, after reconnects and restarts, until the batch is stored (then the row goes).
create table history_downloads (
    namespace        text        not null,
    session          text        not null,
    notification_id  text        not null,
    sync_type        text        not null,
    chunk_order      int         not null,
    progress         int,
    direct_path      text        not null,
    media_key        text,
    file_sha256      text,
    file_enc_sha256  text,
    size             bigint      not null,
    attempts         int         not null,
    last_error       text,
    next_attempt_at  timestamptz not null,
    created_at       timestamptz not null,
    primary key (namespace, session, notification_id)
);
