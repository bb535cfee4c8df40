package io.kubezap.session.engine.cobalt;

import io.kubezap.session.engine.EngineEvent;
import it.auties.protobuf.stream.ProtobufInputStream;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The lid↔phone pairs a history sync carries, which Cobalt 0.0.10's {@code HistorySync} and {@code Chat} models leave
 * out: the chunk's {@code phoneNumberToLidMappings} (field 15: {@code pnJid} 1, {@code lidJid} 2) and each
 * conversation's other address ({@code Conversation.id} 1 with {@code pnJid} 39 or {@code lidJid} 42), read from the
 * same inflated bytes with Cobalt's own protobuf reader. WhatsApp sends them so that a companion knows the LID of
 * everyone it has history with.
 */
final class HistoryAddresses {

    private static final int CONVERSATIONS = 2;
    private static final int MAPPINGS = 15;
    private static final int CONVERSATION_ID = 1;
    private static final int CONVERSATION_PN = 39;
    private static final int CONVERSATION_LID = 42;
    private static final int MAPPING_PN = 1;
    private static final int MAPPING_LID = 2;

    private HistoryAddresses() {
    }

    /** Each pair once, {@code source} {@code history}; pairs that are not a LID and a number are left out. */
    static List<EngineEvent.AddressLearned> of(byte[] inflatedHistorySync) {
        Set<EngineEvent.AddressLearned> learned = new LinkedHashSet<>();
        var sync = ProtobufInputStream.fromBytes(inflatedHistorySync);
        while (sync.readTag()) {
            switch (sync.index()) {
                case MAPPINGS -> pair(sync.readLengthDelimited(), MAPPING_PN, MAPPING_LID, learned);
                case CONVERSATIONS -> conversation(sync.readLengthDelimited(), learned);
                default -> sync.readUnknown(false);
            }
        }
        return new ArrayList<>(learned);
    }

    private static void pair(ProtobufInputStream mapping, int pnField, int lidField, Set<EngineEvent.AddressLearned> learned) {
        String pn = null;
        String lid = null;
        while (mapping.readTag()) {
            int index = mapping.index();
            if (index == pnField) {
                pn = mapping.readString().toString();
            } else if (index == lidField) {
                lid = mapping.readString().toString();
            } else {
                mapping.readUnknown(false);
            }
        }
        add(lid, pn, learned);
    }

    private static void conversation(ProtobufInputStream conversation, Set<EngineEvent.AddressLearned> learned) {
        String id = null;
        String pn = null;
        String lid = null;
        while (conversation.readTag()) {
            switch (conversation.index()) {
                case CONVERSATION_ID -> id = conversation.readString().toString();
                case CONVERSATION_PN -> pn = conversation.readString().toString();
                case CONVERSATION_LID -> lid = conversation.readString().toString();
                default -> conversation.readUnknown(false);
            }
        }
        if (id != null && id.endsWith(MessageAddresses.LID_SERVER)) {
            add(id, pn, learned);
        } else if (id != null && id.endsWith(MessageAddresses.PHONE_SERVER)) {
            add(lid, id, learned);
        }
    }

    private static void add(String lid, String pn, Set<EngineEvent.AddressLearned> learned) {
        if (lid != null && pn != null && lid.endsWith(MessageAddresses.LID_SERVER) && pn.endsWith(MessageAddresses.PHONE_SERVER)) {
            learned.add(new EngineEvent.AddressLearned(MessageAddresses.user(lid), MessageAddresses.user(pn), "history"));
        }
    }
}
