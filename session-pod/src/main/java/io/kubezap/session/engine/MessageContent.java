package io.kubezap.session.engine;

/** What an incoming message holds. The later kinds (location, contacts, polls, reactions, …) join this hierarchy. */
public sealed interface MessageContent permits MessageContent.Text, MessageContent.Media, MessageContent.Other {

    /** The API's {@code type} of the message. */
    String type();

    /** The visible text: the text itself, a media's caption, or null. */
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

    /** A kind this version does not model yet, under WhatsApp's own name for it (e.g. {@code location}). */
    record Other(String type, String text) implements MessageContent {
    }
}
