package io.kubezap.simulator.phone;

import io.kubezap.simulator.content.Content;
import io.kubezap.simulator.content.MessageContents;
import it.auties.whatsapp.model.jid.Jid;

import io.kubezap.simulator.media.MediaMessage;
import io.kubezap.simulator.media.MediaType;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Photos and videos in HD, as WhatsApp's apps show them: a message holding a photo or video in
 * {@code associatedChildMessage}, whose {@code messageAssociation} of type {@code HD_IMAGE_DUAL_UPLOAD} or
 * {@code HD_VIDEO_DUAL_UPLOAD} names a photo or video the phone has (of the same kind, from the original's own sender in
 * its own chat, named as its sender's own), is that message's HD original: the chat shows the standard one with its HD
 * badge and the original's file, not a second message. Any other stays a photo or video of its own.
 * <p>
 * The pair's problems, as an app finds them: an original associated as the other kind's ({@code HD_VIDEO_DUAL_UPLOAD}
 * naming a photo, or the reverse), or an original whose declared size is smaller than its standard copy's.
 */
final class PhoneHdOriginals {

    private static final Set<String> HD_KINDS = Set.of("image", "video");

    private PhoneHdOriginals() {
    }

    /**
     * Whether {@code message} ({@code author}'s in {@code chat}, holding {@code content}) is the HD original of a message
     * {@code shown} has; if so that message now shows it, with the file {@code download} gives (null: not downloaded now).
     */
    static boolean grouped(Jid chat, Jid author, byte[] message, Content content, Function<String, PhoneMessage> shown,
                           Supplier<ReceivedMedia> download) {
        if (!(content instanceof Content.Media original) || !HD_KINDS.contains(original.type())) {
            return false;
        }
        Optional<Content.HdAssociation> association = MessageContents.hdParent(message);
        Optional<PhoneMessage> standard = association
                .filter(link -> link.parent().fromMe())
                .map(link -> shown.apply(link.parent().id()))
                .filter(kept -> kept.peer().equals(chat) && kept.author().equals(author) && !kept.sent())
                .filter(kept -> kept.content() instanceof Content.Media media && media.type().equals(original.type()));
        standard.ifPresent(kept -> kept.showInHd(download.get(), problems(association.get(), ((Content.Media) kept.content()).media(),
                original.media())));
        return standard.isPresent();
    }

    private static List<String> problems(Content.HdAssociation association, MediaMessage standard, MediaMessage original) {
        var problems = new ArrayList<String>();
        boolean video = original.type() == MediaType.VIDEO;
        if (association.video() != video) {
            problems.add((video ? "a video's" : "a photo's") + " original associated as "
                    + (association.video() ? "HD_VIDEO_DUAL_UPLOAD" : "HD_IMAGE_DUAL_UPLOAD"));
        }
        if (longSide(original) > 0 && longSide(standard) > longSide(original)) {
            problems.add("the original (" + longSide(original) + " px) is smaller than its standard copy (" + longSide(standard) + " px)");
        }
        return List.copyOf(problems);
    }

    private static int longSide(MediaMessage media) {
        return Math.max(media.width() == null ? 0 : media.width(), media.height() == null ? 0 : media.height());
    }
}
