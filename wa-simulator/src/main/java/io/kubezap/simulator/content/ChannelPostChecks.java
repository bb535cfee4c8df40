package io.kubezap.simulator.content;

import java.util.ArrayList;
import java.util.List;

/**
 * What WhatsApp's apps check of a channel post before they show it. The stanza's {@code type} says what the post is
 * ({@code text} for a text, {@code media} for a file, {@code poll} for a poll, as WhatsApp Web, whatsmeow and Baileys
 * write it), and a file is kept unencrypted on the media host: it is named by its path and SHA-256, with no media key
 * (followers hold none to open it with). Each failed check is one problem.
 */
public final class ChannelPostChecks {
    private ChannelPostChecks() {
    }

    /** {@code type}: the stanza's; {@code mediaType}: its {@code plaintext}'s {@code mediatype}, or null. */
    public static List<String> problems(String type, String mediaType, Content content) {
        var problems = new ArrayList<String>();
        var expected = expectedType(content);
        if (expected != null && !expected.equals(type)) {
            problems.add("stanza type " + type + " for a " + expected + " post");
        }
        if (content instanceof Content.Media attached) {
            var file = attached.media();
            if (mediaType == null) {
                problems.add("a file without its plaintext's mediatype");
            }
            if (file.mediaKey() != null) {
                problems.add("a media key on a channel's file, which followers fetch unencrypted");
            }
            if (file.directPath() == null || file.fileSha256() == null) {
                problems.add("a file without its direct path or SHA-256");
            }
        }
        return List.copyOf(problems);
    }

    private static String expectedType(Content content) {
        return switch (content) {
            case Content.Text text -> "text";
            case Content.Media media -> "media";
            case Content.Poll poll -> "poll";
            default -> null;
        };
    }
}
