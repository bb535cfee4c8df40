package io.kubezap.session.account;

import io.kubezap.session.contact.ContactDetail;
import io.kubezap.session.engine.ContactProfile;

import java.time.Instant;

/**
 * The linked account as others see it ({@code GET /profile}): its number, push name, about text, profile picture and,
 * for a business account, its business profile (null for a personal one).
 */
public record OwnProfile(String jid, String phoneNumber, String pushName, String about, Instant aboutSetAt,
                         ContactDetail.Picture picture, ContactProfile.Business business) {

    OwnProfile withPushName(String name) {
        return new OwnProfile(jid, phoneNumber, name, about, aboutSetAt, picture, business);
    }
}
