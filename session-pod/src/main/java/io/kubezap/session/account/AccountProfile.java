package io.kubezap.session.account;

import io.kubezap.session.contact.ContactDetail;
import io.kubezap.session.contact.ContactProfiles;
import io.kubezap.session.engine.AccountEngine;
import io.kubezap.session.engine.ContactProfile;
import io.kubezap.session.engine.EngineCalls;
import io.kubezap.session.engine.WhatsAppEngine;
import io.kubezap.session.failure.Failure;
import io.kubezap.session.media.UrlMediaFetcher;
import io.kubezap.session.preview.Thumbnails;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;

/**
 * The account's own profile: read as WhatsApp shows it to others, and changed as its owner changes it on the phone —
 * the push name, the about text, the profile picture (made a centred square JPEG of at most 640 pixels, as WhatsApp's
 * clients make it).
 */
@Singleton
public class AccountProfile {
    /** WhatsApp's limits: a push name of 25 characters, an about of 139. */
    static final int NAME_MAX = 25;
    static final int ABOUT_MAX = 139;
    static final int PICTURE_SIDE = 640;
    static final int PICTURE_SOURCE_MAX_BYTES = 10 << 20;
    private static final Duration PICTURE_FETCH_DEADLINE = Duration.ofSeconds(30);

    private final LinkedAccount linked;
    private final WhatsAppEngine engine;
    private final AccountEngine account;
    private final ContactProfiles profiles;
    private final UrlMediaFetcher urls;

    public AccountProfile(LinkedAccount linked, WhatsAppEngine engine, AccountEngine account, ContactProfiles profiles,
                          UrlMediaFetcher urls) {
        this.linked = linked;
        this.engine = engine;
        this.account = account;
        this.profiles = profiles;
        this.urls = urls;
    }

    /** What WhatsApp shows others of the account now (three queries, as for a contact). */
    public OwnProfile read() {
        var own = linked.require();
        ContactProfile profile = EngineCalls.await(engine.profile(own.jid()));
        ContactDetail.Picture picture = profile.pictureUrl() == null ? null
                : new ContactDetail.Picture(profile.pictureId(), profile.pictureUrl(), "profile/picture");
        return new OwnProfile(own.jid(), own.phoneNumber(), own.pushName(), profile.about(), profile.aboutSetAt(), picture,
                profile.business());
    }

    public OwnProfile rename(String name) {
        var value = name == null ? "" : name.strip();
        if (value.isEmpty() || value.length() > NAME_MAX) {
            throw Failure.invalid("name", "must be 1 to " + NAME_MAX + " characters");
        }
        linked.require();
        EngineCalls.await(account.setPushName(value));
        return read().withPushName(value);
    }

    public OwnProfile setAbout(String about) {
        if (about == null || about.isBlank() || about.length() > ABOUT_MAX) {
            throw Failure.invalid("status", "must be 1 to " + ABOUT_MAX + " characters");
        }
        linked.require();
        EngineCalls.await(account.setAbout(about));
        return read();
    }

    /** {@code data}: the image's bytes in base64, or {@code url}: where to fetch it (public addresses only); exactly one. */
    public OwnProfile setPicture(String data, String url) {
        if ((data == null) == (url == null)) {
            throw Failure.invalid("file", "give the picture as file.data (base64) or file.url, one of them");
        }
        byte[] image = data != null ? decoded(data) : fetched(url);
        byte[] jpeg;
        try {
            jpeg = Thumbnails.squareJpeg(image, PICTURE_SIDE)
                    .orElseThrow(() -> Failure.invalid("file", "is not an image (JPEG, PNG, GIF or BMP)"));
        } catch (IOException unreadable) {
            throw Failure.invalid("file", "is not a readable image: " + unreadable.getMessage());
        }
        linked.require();
        EngineCalls.await(account.setPicture(jpeg));
        return read();
    }

    public void removePicture() {
        linked.require();
        EngineCalls.await(account.setPicture(null));
    }

    /** The account's current picture as a file (see {@link ContactProfiles#picture}); 404 without one. */
    public Path picture() {
        return profiles.picture(linked.require().jid());
    }

    private static byte[] decoded(String data) {
        try {
            byte[] image = Base64.getMimeDecoder().decode(data);
            if (image.length > PICTURE_SOURCE_MAX_BYTES) {
                throw new Failure(Failure.Kind.TOO_LARGE, "picture-too-large", "Picture too large",
                        "A profile picture's source may be at most " + (PICTURE_SOURCE_MAX_BYTES >> 20) + " MiB");
            }
            return image;
        } catch (IllegalArgumentException invalid) {
            throw Failure.invalid("file.data", "is not base64");
        }
    }

    private byte[] fetched(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException invalid) {
            throw Failure.invalid("file.url", "is not a URL");
        }
        String refused = urls.refusal(uri);
        if (refused != null) {
            throw new Failure(Failure.Kind.REFUSED, "url-not-allowed", "URL not allowed", refused);
        }
        try {
            return urls.fetchBytes(uri, PICTURE_SOURCE_MAX_BYTES, PICTURE_FETCH_DEADLINE);
        } catch (IOException unreadable) {
            throw Failure.invalid("file.url", "could not be fetched: " + unreadable.getMessage());
        }
    }
}
