package io.kubezap.simulator.phone;

import java.time.Instant;

/**
 * What a phone's owner shows others: the about text (with when it was set) and the profile picture, stored on the
 * media host (its id changes with every new picture, as WhatsApp's does).
 */
public record PhoneProfile(String about, Instant aboutSetAt, String pictureId, String pictureUrl, String pictureDirectPath) {

    /** A new account: WhatsApp's default about and no picture. */
    public static PhoneProfile initial(Instant at) {
        return new PhoneProfile("Hey there! I am using WhatsApp.", at, null, null, null);
    }

    public PhoneProfile withAbout(String text, Instant at) {
        return new PhoneProfile(text, at, pictureId, pictureUrl, pictureDirectPath);
    }

    public PhoneProfile withPicture(String id, String url, String directPath) {
        return new PhoneProfile(about, aboutSetAt, id, url, directPath);
    }

    public boolean hasPicture() {
        return pictureId != null;
    }
}
