package io.kubezap.session.account;

import io.kubezap.session.contact.ContactDetail;
import io.kubezap.session.contact.ContactProfiles;
import io.kubezap.session.engine.AccountEngine;
import io.kubezap.session.engine.ContactProfile;
import io.kubezap.session.engine.EngineCalls;
import io.kubezap.session.engine.WhatsAppEngine;
import io.kubezap.session.failure.Failure;
import jakarta.inject.Singleton;

import java.nio.file.Path;

/**
 * The account's own profile: read as WhatsApp shows it to others, and changed as its owner changes it on the phone —
 * the push name, the about text, the profile picture ({@link PictureInput}).
 */
@Singleton
public class AccountProfile {
    /** WhatsApp's limits: a push name of 25 characters, an about of 139. */
    static final int NAME_MAX = 25;
    static final int ABOUT_MAX = 139;

    private final LinkedAccount linked;
    private final WhatsAppEngine engine;
    private final AccountEngine account;
    private final ContactProfiles profiles;
    private final PictureInput pictures;

    public AccountProfile(LinkedAccount linked, WhatsAppEngine engine, AccountEngine account, ContactProfiles profiles,
                          PictureInput pictures) {
        this.linked = linked;
        this.engine = engine;
        this.account = account;
        this.profiles = profiles;
        this.pictures = pictures;
    }

    /** The linked account's JID (503 {@code session-not-connected} before it is linked). */
    public String jid() {
        return linked.require().jid();
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

    /** {@code data}: the image's bytes in base64, or {@code url}: where to fetch it (see {@link PictureInput}). */
    public OwnProfile setPicture(String data, String url) {
        byte[] jpeg = pictures.squareJpeg(data, url);
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
}
