package io.kubezap.session.contact;

import io.kubezap.session.host.HostedSessions;
import io.kubezap.session.engine.ContactProfile;
import io.kubezap.session.engine.WhatsAppEngine;
import io.kubezap.contract.Jid;
import io.kubezap.session.engine.EngineCalls;
import io.kubezap.session.failure.Failure;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Contacts with their WhatsApp profile. A profile is asked of WhatsApp each time (about and picture change); a picture's
 * bytes are kept on the data volume by picture id, so the same picture is downloaded once and a new one replaces it.
 */
@Singleton
public class ContactProfiles {

    private final ContactRepository contacts;
    private final WhatsAppEngine engine;
    private final HostedSessions sessions;

    public ContactProfiles(ContactRepository contacts, WhatsAppEngine engine, HostedSessions sessions) {
        this.contacts = contacts;
        this.engine = engine;
        this.sessions = sessions;
    }

    /** 404 when the session never heard of {@code jid} and WhatsApp shows nothing of it either. */
    public ContactDetail detail(String jid) {
        Optional<Contact> known = contacts.find(jid);
        ContactProfile profile = EngineCalls.await(engine.profile(jid));
        if (known.isEmpty() && profile.about() == null && profile.pictureUrl() == null && profile.business() == null) {
            throw Failure.notFound("Neither this session nor WhatsApp knows " + jid);
        }
        ContactDetail.Picture picture = profile.pictureUrl() == null ? null
                : new ContactDetail.Picture(profile.pictureId(), profile.pictureUrl(), "contacts/" + jid + "/picture");
        return new ContactDetail(jid, known.map(Contact::lid).orElse(null), known.map(Contact::phoneNumber).orElse(phoneNumber(jid)),
                known.map(Contact::name).orElse(null), known.map(Contact::pushName).orElse(null),
                known.map(Contact::businessName).orElse(null), known.map(Contact::username).orElse(null),
                known.map(Contact::updatedAt).orElse(null),
                profile.about(), profile.aboutSetAt(), picture, profile.business());
    }

    /** The current profile picture's file (downloaded when this picture was not fetched before); 404 without one. Asks WhatsApp only for the picture. */
    public Path picture(String jid) {
        ContactProfile.Picture picture = EngineCalls.await(engine.picture(jid)).orElseThrow(() ->
                Failure.notFound(jid + " has no profile picture, or its privacy settings hide it from this account"));
        Path folder = sessions.currentSettings().dataDir().resolve("profile-pictures").resolve(HexFormat.of().formatHex(jid.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        Path file = folder.resolve(safeName(picture.id()));
        if (Files.exists(file)) {
            return file;
        }
        try {
            Files.createDirectories(folder);
            EngineCalls.await(engine.fetchPicture(picture.url(), file));
            try (var older = Files.list(folder)) {
                older.filter(other -> !other.equals(file)).forEach(ContactProfiles::delete);
            }
            return file;
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        }
    }

    private static String phoneNumber(String jid) {
        return Jid.parse(jid).phoneNumber().orElse(null);
    }

    private static String safeName(String pictureId) {
        return pictureId.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // an old picture left behind is only disk space
        }
    }
}
