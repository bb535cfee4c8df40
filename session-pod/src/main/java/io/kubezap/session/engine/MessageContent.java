package io.kubezap.session.engine;

import java.util.List;

/** What a message holds, in either direction. */
public sealed interface MessageContent permits MessageContent.Text, MessageContent.Media, MessageContent.Location,
        MessageContent.Contacts, MessageContent.Poll, MessageContent.Other {

    /** The API's {@code type} of the message. */
    String type();

    /** The visible text: the text itself, a media's caption, a place's or a poll's name, or null. */
    String text();

    record Text(String text) implements MessageContent {
        @Override
        public String type() {
            return "text";
        }
    }

    /** A file on WhatsApp's media servers; {@code locator} is what fetching it needs. {@code sha256} is hex. */
    record Media(MediaKind kind, String mimeType, long size, String sha256, String fileName, String caption,
                 MediaLocator locator) implements MessageContent {
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
    record Location(double latitude, double longitude, String name, String address) implements MessageContent {
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
    record Contacts(List<ContactCard> contacts) implements MessageContent {
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
    record Poll(String name, List<String> options, int selectableCount) implements MessageContent {
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

    /** A kind this version does not model yet, under WhatsApp's own name for it (e.g. {@code live_location}). */
    record Other(String type, String text) implements MessageContent {
    }
}
