package io.kubezap.session.contact;

import io.kubezap.session.engine.ContactProfile;

import java.time.Instant;

/**
 * One contact as {@code GET /contacts/{jid}} shows it: what the session knows of it ({@code name}: as saved on the
 * phone; {@code pushName}; {@code businessName}: a business's verified name; {@code username}: their {@code @username} when WhatsApp told it; {@code lastSeenAt}: when the session last heard of it, null when never; {@code lid} when known) and what WhatsApp shows of it now: about, picture, business profile.
 */
public record ContactDetail(String jid, String lid, String phoneNumber, String name, String pushName, String businessName,
                            String username, Instant lastSeenAt, String about,
                            Instant aboutSetAt, Picture picture, ContactProfile.Business business) {

    /** The profile picture: its id (changes with each new picture), WhatsApp's URL and the API's path to its bytes. */
    public record Picture(String id, String url, String path) {
    }
}
