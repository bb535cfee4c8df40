package io.kubezap.simulator.phone;

import io.kubezap.simulator.content.Content;
import io.kubezap.simulator.content.MessageContents;
import it.auties.whatsapp.model.jid.Jid;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The albums a phone's chats show, as WhatsApp's apps group them: an album's first message ({@code albumMessage}) and
 * the photos and videos whose {@code messageAssociation} of type {@code MEDIA_ALBUM} names it. A file joins an album
 * only when the phone has that album message, from the file's own sender in the file's own chat, and the key names it
 * as its sender's own message; any other file stays a photo or video of its own. Guarded by its phone.
 * <p>
 * Its {@code problems} are what an app finds wrong in an album's shape: an album message expecting no file, or more
 * photos or videos naming it than its expected counts (an album still arriving has fewer, which is no problem).
 */
public final class PhoneAlbums {

    private static final Set<String> ALBUM_KINDS = Set.of("image", "video");

    /**
     * An album as the chat shows it: its first message's id, chat, sender, counts, the items grouped so far, in order,
     * and the problems its shape has.
     */
    public record Album(String id, String chat, String from, int expectedImageCount, int expectedVideoCount, List<String> items,
                        List<String> problems) {
    }

    private record Kept(Jid chat, Jid author, Content.Album counts, List<String> items, List<String> kinds) {

        List<String> problems() {
            var problems = new ArrayList<String>();
            if (counts.expectedImageCount() + counts.expectedVideoCount() == 0) {
                problems.add("an album expecting no photo or video");
            }
            excess("image", "photos", counts.expectedImageCount(), problems);
            excess("video", "videos", counts.expectedVideoCount(), problems);
            return List.copyOf(problems);
        }

        private void excess(String kind, String plural, int expected, List<String> problems) {
            long grouped = kinds.stream().filter(kind::equals).count();
            if (grouped > expected) {
                problems.add(grouped + " " + plural + " name an album expecting " + expected);
            }
        }
    }

    private final Map<String, Kept> albums = new LinkedHashMap<>();

    /** A message {@code author} wrote in {@code chat} arrived: an album's first message, one of its files, or neither. */
    void received(String id, Jid chat, Jid author, Content content, byte[] message) {
        if (content instanceof Content.Album counts) {
            albums.putIfAbsent(id, new Kept(chat, author, counts, new ArrayList<>(), new ArrayList<>()));
            return;
        }
        if (!(content instanceof Content.Media media) || !ALBUM_KINDS.contains(media.type())) {
            return;
        }
        MessageContents.albumItem(message)
                .filter(item -> item.parent().fromMe())
                .map(item -> albums.get(item.parent().id()))
                .filter(album -> album.chat().equals(chat) && album.author().equals(author))
                .ifPresent(album -> {
                    album.items().add(id);
                    album.kinds().add(media.type());
                });
    }

    /** The albums, in the order their first messages arrived. */
    List<Album> all() {
        return albums.entrySet().stream().map(entry -> {
            Kept kept = entry.getValue();
            return new Album(entry.getKey(), kept.chat().toString(), kept.author().toString(), kept.counts().expectedImageCount(),
                    kept.counts().expectedVideoCount(), List.copyOf(kept.items()), kept.problems());
        }).toList();
    }
}
