package io.kubezap.simulator.history;

import io.kubezap.simulator.protobuf.ProtobufWriter;

import java.io.ByteArrayOutputStream;
import java.util.zip.DeflaterOutputStream;

/**
 * The initial history sync a phone sends a companion on its first login: a {@code Message} whose
 * {@code protocolMessage} (field 12) is a {@code HISTORY_SYNC_NOTIFICATION} (type 5) with a
 * {@code HistorySyncNotification} (field 6) of type {@code INITIAL_BOOTSTRAP}. Real phones usually
 * point at an encrypted blob on the media servers; the simulator uses the notification's inline
 * payload ({@code initialHistBootstrapInlinePayload}, field 11: a zlib-deflated {@code HistorySync})
 * carrying no chats and the account's own push name, so it needs no media download.
 */
public final class HistorySyncBootstrap {
    private static final int PROTOCOL_HISTORY_SYNC_NOTIFICATION = 5;
    private static final int INITIAL_BOOTSTRAP = 0;
    private static final int COMPLETE = 100;

    private HistorySyncBootstrap() {
    }

    /** The {@code Message} (unpadded) for an account whose JID is {@code accountJid} and push name {@code pushName}. */
    public static byte[] message(String accountJid, String pushName) {
        var historySync = new ProtobufWriter()
                .uint32(1, INITIAL_BOOTSTRAP)
                .uint32(6, COMPLETE)
                .message(7, new ProtobufWriter().string(1, accountJid).string(2, pushName));
        var notification = new ProtobufWriter()
                .uint32(6, INITIAL_BOOTSTRAP)
                .uint32(7, 0)
                .uint32(9, COMPLETE)
                .bytes(11, deflate(historySync.toByteArray()));
        var protocolMessage = new ProtobufWriter()
                .uint32(2, PROTOCOL_HISTORY_SYNC_NOTIFICATION)
                .message(6, notification);
        return new ProtobufWriter().message(12, protocolMessage).toByteArray();
    }

    private static byte[] deflate(byte[] data) {
        var output = new ByteArrayOutputStream();
        try (var deflater = new DeflaterOutputStream(output)) {
            deflater.write(data);
        } catch (java.io.IOException impossible) {
            throw new java.io.UncheckedIOException(impossible);
        }
        return output.toByteArray();
    }
}
