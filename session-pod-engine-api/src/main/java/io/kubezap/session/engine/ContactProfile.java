package io.kubezap.session.engine;

import java.time.Instant;

/**
 * What WhatsApp shows of an account: its about text (and when it was set), its profile picture (id and URL on WhatsApp's
 * CDN; both null without one, or when the account's privacy hides it) and its business profile when it is a business.
 */
public record ContactProfile(String about, Instant aboutSetAt, String pictureId, String pictureUrl, Business business) {

    /** A profile picture: its id (a new one with each new picture) and its URL on WhatsApp's CDN. */
    public record Picture(String id, String url) {
    }

    /** A business account's public profile. */
    public record Business(String description, String address, String email, java.util.List<String> websites,
                           java.util.List<String> categories, BusinessHours hours) {
    }
}
