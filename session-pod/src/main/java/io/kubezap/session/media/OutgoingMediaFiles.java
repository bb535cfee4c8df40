package io.kubezap.session.media;

import io.kubezap.session.db.SessionDb;
import io.kubezap.session.engine.MediaKind;
import io.kubezap.session.engine.MessageContent;
import io.kubezap.session.engine.OutgoingMedia;
import io.kubezap.session.media.conversion.ConvertedMedia;
import io.kubezap.session.media.conversion.FfmpegMissingException;
import io.kubezap.session.media.conversion.StandardCopies;
import io.kubezap.session.message.MediaInfo;
import io.kubezap.session.message.MediaSource;
import io.kubezap.session.message.Message;
import io.kubezap.session.message.MessageRepository;
import io.kubezap.session.failure.Failure;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Finds the file of a queued media send, fetching a URL send's file first (its checks decide whether it fails). */
@Singleton
public class OutgoingMediaFiles {

    private final MediaStore store;
    private final UrlMediaFetcher urls;
    private final MediaIntake intake;
    private final MediaLimits limits;
    private final MessageRepository messages;
    private final SessionDb db;
    private final StandardCopies standards;

    public OutgoingMediaFiles(MediaStore store, UrlMediaFetcher urls, MediaIntake intake, MediaLimits limits,
                              MessageRepository messages, SessionDb db, StandardCopies standards) {
        this.standards = standards;
        this.store = store;
        this.urls = urls;
        this.intake = intake;
        this.limits = limits;
        this.messages = messages;
        this.db = db;
    }

    /** The file to send; for a photo or video sent in HD, with its standard copy ({@link StandardCopies}). */
    public OutgoingMediaFile prepare(Message message, MediaKind kind) throws MediaNotSendableException {
        Optional<MediaSource> source = messages.mediaSource(message.id());
        OutgoingMediaFile file = source.isPresent() ? fetch(message, kind, source.get())
                : new OutgoingMediaFile(localFile(message.media().sha256()), message.media());
        if (!message.traits().hd()) {
            return file;
        }
        try {
            ConvertedMedia copy = standards.of(kind, file.path(), store::newTempFile);
            return file.withStandard(new OutgoingMedia.StandardCopy(copy.file(), copy.mimeType(), copy.facts()));
        } catch (Failure | FfmpegMissingException | java.io.UncheckedIOException | IllegalArgumentException notMade) {
            file.close();
            throw new MediaNotSendableException("the standard-quality copy sent first of a photo or video in HD could not be"
                    + " made: " + notMade.getMessage());
        }
    }

    /** A carousel's card images on local disk, in card order; none stays open when one is missing. */
    public List<OutgoingMediaFile> cardImages(MessageContent.Carousel carousel) throws MediaNotSendableException {
        List<OutgoingMediaFile> files = new ArrayList<>();
        try {
            for (MessageContent.Carousel.Card card : carousel.cards()) {
                files.add(new OutgoingMediaFile(localFile(card.image().sha256()), null));
            }
            return files;
        } catch (MediaNotSendableException | RuntimeException missing) {
            files.forEach(OutgoingMediaFile::close);
            throw missing;
        }
    }

    private MediaStore.LocalFile localFile(String sha256) throws MediaNotSendableException {
        try {
            if (store.find(sha256).isEmpty()) {
                throw new MediaNotSendableException("the file of this message is no longer in the session's media store");
            }
            return store.localFile(sha256);
        } catch (IOException | java.io.UncheckedIOException unreadable) {
            throw new MediaNotSendableException("the file of this message could not be read from the media store: "
                    + unreadable.getMessage());
        }
    }

    /** The file at the URL, checked and converted before it joins the store (its original never does when converted). */
    private OutgoingMediaFile fetch(Message message, MediaKind kind, MediaSource source) throws MediaNotSendableException {
        MediaInfo checked;
        try {
            checked = urls.fetch(URI.create(source.url()), limits.maxBytes(kind),
                    fetched -> intake.checkFetched(kind, message.media(), source.convert(), fetched));
        } catch (MediaTooLargeException tooLarge) {
            throw new MediaNotSendableException("the file at the URL is larger than a " + kind.wire()
                    + " may be (" + tooLarge.limit() + " bytes)");
        } catch (Failure refused) {
            throw new MediaNotSendableException("the file at the URL was refused: " + refused.getMessage());
        } catch (IOException | java.io.UncheckedIOException unreachable) {
            throw new MediaNotSendableException("the file could not be fetched from its URL or converted: " + unreachable.getMessage());
        }
        db.useTransaction(handle -> messages.recordMediaFile(handle, message.id(), checked));
        return new OutgoingMediaFile(localFile(checked.sha256()), checked);
    }
}
