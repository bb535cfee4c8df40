package io.kubezap.simulator.content;

import io.kubezap.simulator.protobuf.ProtobufReader;
import io.kubezap.simulator.protobuf.ProtobufWriter;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * WhatsApp's calendar events on the wire ({@code WAE2E.Message}): the event ({@code eventMessage}, 75, beside its secret
 * in {@code messageContextInfo}), a guest's answer sealed with that secret ({@code encEventResponseMessage}, 76, holding
 * an {@code EventResponseMessage}), and the creator's change of it ({@code secretEncryptedMessage}, 82, type
 * {@code EVENT_EDIT}, holding a whole {@code Message} with the new {@code eventMessage}; a cancellation is such an edit
 * with {@code isCanceled}).
 */
public final class EventMessages {
    static final int EVENT = 75;
    static final int ENC_EVENT_RESPONSE = 76;
    static final int SECRET_ENCRYPTED = 82;
    private static final int CONTEXT = 35;
    private static final int EVENT_EDIT = 1;
    private static final String CALL_LINK = "https://call.whatsapp.com/";
    private static final int SECRET_LENGTH = 32;

    /** The answers a guest gives, in {@code EventResponseMessage.EventResponseType}'s order (0 is UNKNOWN). */
    public static final List<String> RESPONSES = List.of("UNKNOWN", "GOING", "NOT_GOING", "MAYBE");

    private EventMessages() {
    }

    static Content.Event event(byte[] event) {
        var reader = ProtobufReader.read(event);
        return new Content.Event(reader.string(3).orElse(null), reader.string(4).orElse(null),
                reader.bytes(5).flatMap(place -> ProtobufReader.read(place).string(3)).orElse(null), reader.string(6).orElse(null),
                reader.uint64(7).orElse(0L), reader.uint64(8).orElse(0L), reader.bool(9).orElse(false), reader.bool(2).orElse(false));
    }

    static Content response(byte[] response) {
        var reader = ProtobufReader.read(response);
        return new Content.EventResponse(MessageKey.parse(reader.bytes(1).orElse(new byte[0])), reader.bytes(2).orElse(new byte[0]),
                reader.bytes(3).orElse(new byte[0]));
    }

    /** An {@code EVENT_EDIT}; other secret-encrypted kinds are not read here. */
    static java.util.Optional<Content> edit(byte[] encrypted) {
        var reader = ProtobufReader.read(encrypted);
        if (reader.uint32(4).orElse(0) != EVENT_EDIT) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new Content.EventEdit(MessageKey.parse(reader.bytes(1).orElse(new byte[0])),
                reader.bytes(2).orElse(new byte[0]), reader.bytes(3).orElse(new byte[0])));
    }

    /** The event an opened edit holds: its plaintext is a whole {@code Message}. */
    public static java.util.Optional<Content.Event> edited(byte[] message) {
        return ProtobufReader.read(message).bytes(EVENT).map(EventMessages::event);
    }

    /** The answer an opened {@code EventResponseMessage} gives. */
    public static String answer(byte[] response) {
        int type = ProtobufReader.read(response).uint32(1).orElse(0);
        return type < RESPONSES.size() ? RESPONSES.get(type) : RESPONSES.getFirst();
    }

    /**
     * What WhatsApp's apps check of an event before they show its card: a name, a start, an end (when given) after the
     * start, a call link (when given) that is a WhatsApp call link, and the 32-byte secret guests answer with. Each failed
     * check is one problem.
     */
    public static List<String> problems(Content.Event event, byte[] secret) {
        var problems = new ArrayList<String>();
        if (event.name() == null || event.name().isBlank()) {
            problems.add("no name");
        }
        if (event.startTime() <= 0) {
            problems.add("no start time");
        }
        if (event.endTime() != 0 && event.endTime() <= event.startTime()) {
            problems.add("ends before it starts");
        }
        if (event.joinLink() != null && !event.joinLink().toLowerCase(Locale.ROOT).startsWith(CALL_LINK)) {
            problems.add("join link is not a WhatsApp call link");
        }
        if (secret == null || secret.length != SECRET_LENGTH) {
            problems.add("no message secret: guests could not answer");
        }
        return List.copyOf(problems);
    }

    // ---- writing, as a phone's WhatsApp writes them ----

    /** An event with the secret its answers and edits are sealed with. */
    public static byte[] event(Content.Event event, byte[] secret) {
        return new ProtobufWriter().message(EVENT, fields(event)).message(CONTEXT, new ProtobufWriter().bytes(3, secret)).toByteArray();
    }

    private static ProtobufWriter fields(Content.Event event) {
        var fields = new ProtobufWriter().uint32(2, event.canceled() ? 1 : 0).string(3, event.name());
        if (event.description() != null) {
            fields.string(4, event.description());
        }
        if (event.location() != null) {
            fields.message(5, new ProtobufWriter().string(3, event.location()));
        }
        if (event.joinLink() != null) {
            fields.string(6, event.joinLink());
        }
        fields.uint64(7, event.startTime());
        if (event.endTime() != 0) {
            fields.uint64(8, event.endTime());
        }
        return fields.uint32(9, event.extraGuestsAllowed() ? 1 : 0);
    }

    /** A guest's answer ({@link #RESPONSES}) on the event {@code key} names, sealed with the event's secret. */
    public static byte[] response(MessageKey key, byte[] secret, String creatorJid, String guestJid, String answer, long timestampMs) {
        int type = RESPONSES.indexOf(answer);
        if (type <= 0) {
            throw new IllegalArgumentException("response is GOING, NOT_GOING or MAYBE, got " + answer);
        }
        var plaintext = new ProtobufWriter().uint32(1, type).uint64(2, timestampMs).toByteArray();
        var sealed = MessageSecretCipher.seal(MessageSecretCipher.UseCase.EVENT_RESPONSE, secret, key.id(), creatorJid, guestJid, plaintext);
        return new ProtobufWriter().message(ENC_EVENT_RESPONSE, new ProtobufWriter().message(1, key.toProtobuf())
                .bytes(2, sealed.payload()).bytes(3, sealed.iv())).toByteArray();
    }
}
