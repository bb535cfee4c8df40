package io.kubezap.simulator.content;

import io.kubezap.simulator.media.MediaMessage;

import java.util.List;

/** What a decrypted {@code Message} protobuf holds, for the kinds the simulated phones understand. */
public sealed interface Content {

    /** The API's name of the kind. */
    String type();

    /** A text, possibly a reply ({@code quotedId}). */
    record Text(String text, String quotedId) implements Content {
        public String type() {
            return "text";
        }
    }

    record Media(MediaMessage media) implements Content {
        public String type() {
            return media.type().id();
        }
    }

    record Location(double latitude, double longitude, String name, String address) implements Content {
        public String type() {
            return "location";
        }
    }

    /** One or more contact cards ({@code contactMessage} or {@code contactsArrayMessage}). */
    record Contacts(List<Card> cards) implements Content {
        public String type() {
            return "contact";
        }
    }

    record Card(String name, String vcard) {
    }

    /** {@code selectableCount} 0: any number of options. */
    record Poll(String name, List<String> options, int selectableCount) implements Content {
        public String type() {
            return "poll";
        }
    }

    /** An invitation to join group {@code groupJid} with {@code inviteCode}, lapsing at {@code expiration} (epoch seconds). */
    record GroupInvite(String groupJid, String inviteCode, long expiration, String groupName, String caption) implements Content {
        public String type() {
            return "group_invite";
        }
    }

    /** An album's first message: how many images and videos its items will be. */
    record Album(int expectedImageCount, int expectedVideoCount) implements Content {
        public String type() {
            return "album";
        }
    }

    /** What an album's item says of its album: the first message's key, and its place in the album. */
    record AlbumItem(MessageKey parent, int index) {
    }

    /** What an HD original says of its standard copy: the copy's key, and whether it is associated as a video's original. */
    record HdAssociation(MessageKey parent, boolean video) {
    }

    /** An emoji on {@code key}'s message; empty removes the author's reaction. */
    record Reaction(MessageKey key, String emoji, long timestampMs) implements Content {
        public String type() {
            return "reaction";
        }
    }

    /** The author replaced the text of their message {@code key}. */
    record Edit(MessageKey key, String text, long timestampMs) implements Content {
        public String type() {
            return "edit";
        }
    }

    /** The author deleted their message {@code key} for everyone. */
    record Revoke(MessageKey key) implements Content {
        public String type() {
            return "revoke";
        }
    }

    /** A vote on poll {@code pollKey}: the chosen options' hashes, encrypted with the poll's secret. */
    record PollVote(MessageKey pollKey, byte[] encPayload, byte[] iv, long timestampMs) implements Content {
        public String type() {
            return "poll_vote";
        }
    }

    /**
     * A calendar event: its times in epoch seconds ({@code endTime} 0: none given), {@code location} the place's name,
     * {@code joinLink} a call link; {@code canceled} once its creator cancelled it.
     */
    record Event(String name, String description, String location, String joinLink, long startTime, long endTime,
                 boolean extraGuestsAllowed, boolean canceled) implements Content {
        public String type() {
            return "event";
        }
    }

    /** A guest's answer to event {@code eventKey}, sealed with the event's secret. */
    record EventResponse(MessageKey eventKey, byte[] encPayload, byte[] iv) implements Content {
        public String type() {
            return "event_response";
        }
    }

    /** The creator's change (or cancellation) of their event {@code key}, sealed with the event's secret. */
    record EventEdit(MessageKey key, byte[] encPayload, byte[] iv) implements Content {
        public String type() {
            return "event_edit";
        }
    }

    /** A catalog product's card: the product as its snapshot has it, the business whose catalog it is, the card's texts. */
    record Product(String productId, String title, String description, String currency, long priceAmount1000, String retailerId,
                   String url, String businessOwnerJid, String body, String footer) implements Content {
        public String type() {
            return "product";
        }
    }

    /**
     * An order placed from {@code sellerJid}'s catalog; {@code token}: what its details are read with (by the seller);
     * {@code status}: {@code inquiry} as placed, {@code accepted} or {@code declined} once the seller answered it (null:
     * none or one WhatsApp's apps do not know).
     */
    record Order(String orderId, int itemCount, String message, String title, String sellerJid, String token,
                 long totalAmount1000, String currency, String status) implements Content {
        public String type() {
            return "order";
        }

        public Order withStatus(String status) {
            return new Order(orderId, itemCount, message, title, sellerJid, token, totalAmount1000, currency, status);
        }
    }

    /** Reply buttons under a text ({@code interactiveMessage} of native-flow quick replies, or an older {@code buttonsMessage}). */
    record Buttons(String text, String footer, List<Option> buttons) implements Content {
        public String type() {
            return "buttons";
        }
    }

    /** Cards the reader swipes through under a text ({@code interactiveMessage} holding a {@code carouselMessage}). */
    record Carousel(String text, String footer, List<CarouselCard> cards) implements Content {
        public String type() {
            return "carousel";
        }
    }

    /** A card: its header picture (null without one), title, body, footer and quick-reply buttons. */
    record CarouselCard(MediaMessage image, String title, String body, String footer, List<Option> buttons) {
    }

    /** A button's or a row's id (what its reply names), its label, and a row's description. */
    record Option(String id, String title, String description) {
    }

    /** A text with a button ({@code buttonText}) opening titled sections of rows, one of which the reader picks. */
    record ListMessage(String text, String footer, String buttonText, List<Section> sections) implements Content {
        public String type() {
            return "list";
        }
    }

    record Section(String title, List<Option> rows) {
    }

    /** A reader's choice on buttons ({@code button_reply}) or a list ({@code list_reply}) of message {@code quotedId}. */
    record Choice(String type, String selectedId, String selectedText, String quotedId) implements Content {
    }

    /** The author turned disappearing messages in the chat on for {@code seconds}, or off (0): {@code EPHEMERAL_SETTING}. */
    record DisappearingSetting(int seconds) implements Content {
        public String type() {
            return "disappearing_setting";
        }
    }

    record Unknown() implements Content {
        public String type() {
            return "unknown";
        }
    }

    /** Reactions, edits, deletions, votes and event answers and edits change another message; the rest are messages of their own. */
    default boolean isUpdate() {
        return this instanceof Reaction || this instanceof Edit || this instanceof Revoke || this instanceof PollVote
                || this instanceof DisappearingSetting || this instanceof EventResponse || this instanceof EventEdit;
    }
}
