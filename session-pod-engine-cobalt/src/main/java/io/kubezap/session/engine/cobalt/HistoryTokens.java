package io.kubezap.session.engine.cobalt;

import io.kubezap.cobalt.tokens.PrivacyTokens;
import it.auties.protobuf.stream.ProtobufInputStream;
import it.auties.whatsapp.api.Whatsapp;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;

/**
 * The privacy tokens a history sync carries, which Cobalt 0.0.10's models leave out: the account's NCT salt
 * ({@code nctSalt} 19, for client-side tokens; whatsmeow {@code message.go}) and contacts' LIDs, and each conversation's
 * {@code tcToken} (21), {@code tcTokenTimestamp} (22) and {@code tcTokenSenderTimestamp} (28), read from the inflated
 * bytes with Cobalt's own protobuf reader and kept with the client's other tokens, under the contact's number and LID
 * ({@code id} 1, {@code pnJid} 39, {@code lidJid} 42). A companion linked to a phone can thus answer a customer it
 * knows only from the history at once, as WhatsApp Web and whatsmeow do (whatsmeow {@code message.go}).
 */
final class HistoryTokens {

    private static final int CONVERSATIONS = 2;
    private static final int ID = 1;
    private static final int TOKEN = 21;
    private static final int TOKEN_TIMESTAMP = 22;
    private static final int SENDER_TIMESTAMP = 28;
    private static final int PN = 39;
    private static final int LID = 42;
    private static final int NCT_SALT = 19;

    private HistoryTokens() {
    }

    /** Keeps the tokens of {@code inflatedHistorySync}'s one-to-one conversations in {@code client}'s store. */
    static void keep(Whatsapp client, byte[] inflatedHistorySync) {
        var tokens = PrivacyTokens.existing(client);
        if (tokens.isEmpty()) {
            return;
        }
        var sync = ProtobufInputStream.fromBytes(inflatedHistorySync);
        byte[] salt = null;
        var lids = new HashMap<String, String>();
        var given = new HashMap<String, PrivacyTokens.HistoryToken>();
        while (sync.readTag()) {
            switch (sync.index()) {
                case CONVERSATIONS -> conversation(sync.readLengthDelimited(), given, lids);
                case NCT_SALT -> salt = bytes(sync.readBytes());
                default -> sync.readUnknown(false);
            }
        }
        // one write of the store for the whole batch
        tokens.get().keepFromHistory(given, salt, lids);
    }

    private static void conversation(ProtobufInputStream conversation, Map<String, PrivacyTokens.HistoryToken> given,
                                      Map<String, String> lids) {
        String number = null;
        String lid = null;
        var contacts = new LinkedHashSet<String>();
        byte[] token = null;
        long timestamp = 0;
        long senderTimestamp = 0;
        while (conversation.readTag()) {
            switch (conversation.index()) {
                case ID, PN, LID -> {
                    var jid = conversation.readString().toString();
                    oneToOne(jid, contacts);
                    number = jid.endsWith(MessageAddresses.PHONE_SERVER) ? userPart(jid) : number;
                    lid = jid.endsWith(MessageAddresses.LID_SERVER) ? userPart(jid) : lid;
                }
                case TOKEN -> token = bytes(conversation.readBytes());
                case TOKEN_TIMESTAMP -> timestamp = conversation.readInt64();
                case SENDER_TIMESTAMP -> senderTimestamp = conversation.readInt64();
                default -> conversation.readUnknown(false);
            }
        }
        if (number != null && lid != null) {
            lids.put(number, lid);
        }
        if (token != null && token.length > 0 && timestamp > 0) {
            var kept = new PrivacyTokens.HistoryToken(token, timestamp, senderTimestamp);
            contacts.forEach(contact -> given.put(contact, kept));
        }
    }

    private static void oneToOne(String jid, LinkedHashSet<String> contacts) {
        if (jid.endsWith(MessageAddresses.PHONE_SERVER) || jid.endsWith(MessageAddresses.LID_SERVER)) {
            contacts.add(userPart(jid));
        }
    }

    /** The user of a JID, without server or device: how the client's tokens are keyed. */
    private static String userPart(String jid) {
        var user = jid.substring(0, jid.indexOf('@'));
        var device = user.indexOf(':');
        return device < 0 ? user : user.substring(0, device);
    }

    private static byte[] bytes(ByteBuffer buffer) {
        var bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }
}
