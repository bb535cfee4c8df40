package io.kubezap.session.engine;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;

/**
 * What a message holds, in either direction: one record per kind, from the engine adapters through storage
 * ({@code message.StoredContent}), the REST API and events ({@code message.MessagePayload}, keeping the {@code type}
 * discriminator users know). Code that handles kinds switches over this type exhaustively, so a new kind makes the
 * compiler list every place to touch.
 */
public sealed interface MessageContent permits MessageContent.Text, MessageContent.Media, MessageContent.Structured,
        MessageContent.Other {

    /** The API's {@code type} of the message. */
    String type();

    /** The visible text: the text itself, a media's caption, a place's or a poll's name, or null. */
    String text();

    /**
     * A kind that is neither text nor file: a block of its own fields, stored and shown under the kind's name
     * ({@code location}, {@code contacts}, {@code poll}, {@code groupInvite}: its {@link Block}) and sent as an
     * {@link OutgoingContent}.
     */
    sealed interface Structured extends MessageContent permits Location, Contacts, Poll, GroupInvite, Album, Event,
            Product, Order, Buttons, ListMessage, Carousel, Choice {
    }

    /**
     * A structured kind's own fields under its name, one set: {@code {"location": …}}, {@code {"contacts": […]}},
     * {@code {"poll": …}}, {@code {"groupInvite": …}} or {@code {"event": …}}. It is the kind's JSON everywhere: the API shows it beside the
     * message's {@code type} and {@code text}, the {@code messages} row keeps it in {@code content} (the shape earlier
     * releases wrote), and the Baileys bridge sends and reports the kind with these fields. A new structured kind is a
     * record above, a component here and its case in {@link #of}.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Block(Location location, List<ContactCard> contacts, Poll poll, GroupInvite groupInvite, Album album,
                 Event event, Product product, Order order, Buttons buttons, ListMessage list, Choice reply,
                 Carousel carousel) {

        public static Block of(Structured content) {
            return switch (content) {
                case Location location -> new Block(location, null, null, null, null, null, null, null, null, null, null, null);
                case Contacts contacts -> new Block(null, contacts.contacts(), null, null, null, null, null, null, null, null, null, null);
                case Poll poll -> new Block(null, null, poll, null, null, null, null, null, null, null, null, null);
                case GroupInvite invite -> new Block(null, null, null, invite, null, null, null, null, null, null, null, null);
                case Album album -> new Block(null, null, null, null, album, null, null, null, null, null, null, null);
                case Event event -> new Block(null, null, null, null, null, event, null, null, null, null, null, null);
                case Product product -> new Block(null, null, null, null, null, null, product, null, null, null, null, null);
                case Order order -> new Block(null, null, null, null, null, null, null, order, null, null, null, null);
                case Buttons buttons -> new Block(null, null, null, null, null, null, null, null, buttons, null, null, null);
                case ListMessage list -> new Block(null, null, null, null, null, null, null, null, null, list, null, null);
                case Choice choice -> new Block(null, null, null, null, null, null, null, null, null, null, choice, null);
                case Carousel carousel -> new Block(null, null, null, null, null, null, null, null, null, null, null, carousel);
            };
        }

        /** The kind this block holds, or null when it holds none. */
        public Structured content() {
            return location != null ? location
                    : contacts != null ? new Contacts(contacts)
                    : poll != null ? poll
                    : groupInvite != null ? groupInvite
                    : album != null ? album
                    : event != null ? event
                    : product != null ? product
                    : order != null ? order
                    : buttons != null ? buttons
                    : list != null ? list
                    : carousel != null ? carousel
                    : reply;
        }
    }

    record Text(String text) implements MessageContent {
        public static final String TYPE = "text";

        @Override
        public String type() {
            return TYPE;
        }
    }

    /**
     * A file: {@code sha256} is hex; {@code size} and {@code sha256} are null while a send's file given by URL is not
     * fetched yet. {@code locator} is what fetching it from WhatsApp's media servers needs (null once stored: the
     * message's row keeps it apart). {@code facts}: what the apps read besides the file (never null).
     */
    record Media(MediaKind kind, String mimeType, Long size, String sha256, String fileName, String caption,
                 MediaLocator locator, MediaFacts facts) implements MessageContent {

        public Media {
            facts = facts == null ? MediaFacts.NONE : facts;
        }

        /** A file whose {@link MediaFacts} are not known. */
        public Media(MediaKind kind, String mimeType, Long size, String sha256, String fileName, String caption,
                     MediaLocator locator) {
            this(kind, mimeType, size, sha256, fileName, caption, locator, MediaFacts.NONE);
        }

        @Override
        public String type() {
            return kind.wire();
        }

        @Override
        public String text() {
            return caption;
        }
    }

    /** A place; {@code name} and {@code address} may be null. */
    record Location(double latitude, double longitude, String name, String address) implements Structured {
        @Override
        public String type() {
            return "location";
        }

        @Override
        public String text() {
            return name;
        }
    }

    /** One or more contact cards. */
    record Contacts(List<ContactCard> contacts) implements Structured {
        public Contacts {
            contacts = List.copyOf(contacts);
        }

        @Override
        public String type() {
            return "contact";
        }

        @Override
        public String text() {
            return contacts.isEmpty() ? null : contacts.getFirst().fullName();
        }
    }

    /** A poll: its question, its options in order, and how many of them one voter may pick (0: any number). */
    record Poll(String name, List<String> options, int selectableCount) implements Structured {
        public Poll {
            options = List.copyOf(options);
        }

        @Override
        public String type() {
            return "poll";
        }

        @Override
        public String text() {
            return name;
        }
    }

    /**
     * An invitation to join a group: the group's JID and invite code, when the invitation lapses, the group's name as
     * the card shows it and the invitation's own text ({@code caption}); name and caption may be null.
     */
    record GroupInvite(String groupJid, String inviteCode, Instant expiresAt, String groupName, String caption)
            implements Structured {
        public static final String TYPE = "group_invite";

        @Override
        public String type() {
            return TYPE;
        }

        @Override
        public String text() {
            return caption;
        }
    }

    /**
     * An album's first message, as WhatsApp's apps send it before the album's photos and videos: how many of each will
     * follow. Each item is a media message of its own whose {@link MessageTraits#albumId()} names this one.
     */
    record Album(int expectedImageCount, int expectedVideoCount) implements Structured {
        public static final String TYPE = "album";

        @Override
        public String type() {
            return TYPE;
        }

        @Override
        public String text() {
            return null;
        }
    }

    /**
     * A calendar event (WhatsApp's {@code eventMessage}): its times in epoch seconds as WhatsApp carries them
     * ({@code endTime} null: none given), the place's name ({@code location}, may be null), a WhatsApp call link
     * ({@code joinLink}, may be null), whether guests may bring others, and whether its creator cancelled it.
     */
    record Event(String name, String description, EventPlace location, String joinLink, long startTime, Long endTime,
                 boolean extraGuestsAllowed, boolean canceled) implements Structured {
        public static final String TYPE = "event";

        /** Where the event takes place, by name (WAHA's {@code location: {name}}). */
        public record EventPlace(String name) {
        }

        @Override
        public String type() {
            return TYPE;
        }

        @Override
        public String text() {
            return name;
        }

        /** The same event, cancelled (a cancellation is an edit that says so). */
        public Event cancelled() {
            return new Event(name, description, location, joinLink, startTime, endTime, extraGuestsAllowed, true);
        }
    }

    /**
     * A catalog product's card (WhatsApp's {@code productMessage}): the product as the business's catalog has it
     * ({@code price} in thousandths of the currency's unit, as WhatsApp writes prices), the business whose catalog it is
     * ({@code businessOwnerJid}), and the card's own {@code body} and {@code footer} texts (may be null).
     */
    record Product(String productId, String title, String description, Long price, String currency, String retailerId,
                   String url, String imageUrl, String businessOwnerJid, String body, String footer) implements Structured {
        public static final String TYPE = "product";

        @Override
        public String type() {
            return TYPE;
        }

        @Override
        public String text() {
            return body != null ? body : title;
        }
    }

    /**
     * An order a customer placed from a business's catalog (WhatsApp's {@code orderMessage}): its id, title, the
     * customer's note ({@code message}), how many items, its status ({@code inquiry}, {@code accepted}, {@code declined}),
     * the seller, its total (thousandths of {@code currency}'s unit) and the items as the seller's order details list them
     * (empty when they could not be read).
     */
    record Order(String orderId, String title, String message, int itemCount, String status, String sellerJid, Long total,
                 String currency, List<OrderItem> items) implements Structured {
        public static final String TYPE = "order";

        public Order {
            items = items == null ? List.of() : List.copyOf(items);
        }

        /** One line of an order: the product, its price (thousandths of the currency's unit) and how many. */
        public record OrderItem(String productId, String name, Long price, String currency, int quantity, String imageUrl) {
        }

        @Override
        public String type() {
            return TYPE;
        }

        @Override
        public String text() {
            return message;
        }
    }

    /**
     * A text with up to 3 reply buttons under it (sent as WhatsApp Business apps send them today: an
     * {@code interactiveMessage} whose native-flow buttons are {@code quick_reply}); {@code footer} may be null.
     */
    record Buttons(String text, String footer, List<Button> buttons) implements Structured {
        public static final String TYPE = "buttons";

        public Buttons {
            buttons = List.copyOf(buttons);
        }

        /** A reply button: the id its reply carries and the label the phone shows. */
        public record Button(String id, String text) {
        }

        @Override
        public String type() {
            return TYPE;
        }

    }

    /**
     * A text with a button ({@code buttonText}) that opens a list of rows in titled sections, one of which the reader picks
     * (WhatsApp's {@code listMessage}); {@code footer} and a row's {@code description} may be null.
     */
    record ListMessage(String text, String footer, String buttonText, List<Section> sections) implements Structured {
        public static final String TYPE = "list";

        public ListMessage {
            sections = List.copyOf(sections);
        }

        /** A titled group of rows. */
        public record Section(String title, List<Row> rows) {
            public Section {
                rows = List.copyOf(rows);
            }
        }

        /** A row: the id its reply carries, its title and description. */
        public record Row(String id, String title, String description) {
        }

        @Override
        public String type() {
            return TYPE;
        }

    }

    /**
     * A text over 2 to 10 cards the reader swipes through (WhatsApp's {@code interactiveMessage} with a
     * {@code carouselMessage}), each an image, a title, a body, a footer and 1 or 2 reply buttons; a tap on one comes back
     * as a {@link Choice} of type {@code button_reply}. {@code footer}, a card's {@code title} and {@code footer} may be null.
     */
    record Carousel(String text, String footer, List<Card> cards) implements Structured {
        public static final String TYPE = "carousel";

        public Carousel {
            cards = List.copyOf(cards);
        }

        /** The same carousel, each card's image read from the file at the same place in {@code files} (to send it). */
        public Carousel withImageFiles(List<String> files) {
            List<Card> located = new java.util.ArrayList<>();
            for (int i = 0; i < cards.size(); i++) {
                Card card = cards.get(i);
                located.add(new Card(card.image().at(files.get(i)), card.title(), card.body(), card.footer(), card.buttons()));
            }
            return new Carousel(text, footer, located);
        }

        /** A card: its image (in the media store), title, body, footer and reply buttons. */
        public record Card(CardImage image, String title, String body, String footer, List<Buttons.Button> buttons) {
            public Card {
                buttons = List.copyOf(buttons);
            }
        }

        /**
         * A card's picture: the stored file ({@code sha256}, {@code size}, {@code mimeType}); {@code path}, only while the
         * message is being sent, is the local file the engine uploads.
         */
        @JsonInclude(JsonInclude.Include.NON_NULL)
        public record CardImage(String mimeType, Long size, String sha256, String path) {
            CardImage at(String file) {
                return new CardImage(mimeType, size, sha256, file);
            }
        }

        @Override
        public String type() {
            return TYPE;
        }
    }

    /**
     * A reader's choice on buttons ({@code button_reply}) or a list ({@code list_reply}): the chosen button's or row's id
     * and the text the reader saw on it; the message chosen from is the reply's quoted message. WhatsApp's apps send it
     * as {@code interactiveResponseMessage} (native-flow buttons and lists), {@code buttonsResponseMessage},
     * {@code templateButtonReplyMessage} or {@code listResponseMessage}: all are this kind.
     */
    record Choice(String type, String selectedId, String selectedText) implements Structured {
        public static final String BUTTON = "button_reply";
        public static final String LIST = "list_reply";

        @Override
        public String text() {
            return selectedText;
        }
    }

    /** A kind this version does not model yet, under WhatsApp's own name for it (e.g. {@code live_location}). */
    record Other(String type, String text) implements MessageContent {
    }
}
