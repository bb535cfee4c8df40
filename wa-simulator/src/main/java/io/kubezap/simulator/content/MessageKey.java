package io.kubezap.simulator.content;

import io.kubezap.simulator.protobuf.ProtobufReader;
import io.kubezap.simulator.protobuf.ProtobufWriter;

/**
 * WhatsApp's {@code MessageKey}: how a reaction, edit, deletion or vote names its target, as its author sees the
 * chat ({@code remoteJid} the chat, {@code fromMe} whether the author wrote the target, {@code participant} the
 * target's writer in a group).
 */
public record MessageKey(String remoteJid, boolean fromMe, String id, String participant) {

    static MessageKey parse(byte[] key) {
        var reader = ProtobufReader.read(key);
        return new MessageKey(reader.string(1).orElse(null), reader.bool(2).orElse(false), reader.string(3).orElse(null),
                reader.string(4).orElse(null));
    }

    ProtobufWriter toProtobuf() {
        var writer = new ProtobufWriter();
        if (remoteJid != null) {
            writer.string(1, remoteJid);
        }
        writer.uint32(2, fromMe ? 1 : 0);
        writer.string(3, id);
        if (participant != null) {
            writer.string(4, participant);
        }
        return writer;
    }
}
