package io.kubezap.simulator.phone;

import java.time.Instant;

/**
 * What a phone's owner shows others: the about text (with when it was set) and the profile picture, stored on the
 * media host (its id changes with every new picture, as WhatsApp's does).
 */
public record PhoneProfile(String about, Instant aboutSetAt, String pictureId, String pictureUrl, String pictureDirectPath,
                           Business business) {

    /**
     * A WhatsApp Business account's public profile (null on a personal account); {@code name}: its verified business
     * name (the push name when not given).
     */
    public record Business(String name, String description, String address, String email, java.util.List<String> websites,
                           String category, Hours hours) {
        public Business {
            websites = websites == null ? java.util.List.of() : java.util.List.copyOf(websites);
        }

        public Business(String name, String description, String address, String email, java.util.List<String> websites,
                        String category) {
            this(name, description, address, email, websites, category, null);
        }
    }

    /** Opening hours in a time zone, a day each; {@code mode}: {@code specific_hours} (minutes of the day), {@code open_24h} or {@code appointment_only}. */
    public record Hours(String timezone, java.util.List<Day> days) {
        public Hours {
            days = days == null ? java.util.List.of() : java.util.List.copyOf(days);
        }

        public record Day(String day, String mode, Integer openTime, Integer closeTime) {
        }
    }

    /** A new account: WhatsApp's default about, no picture, personal. */
    public static PhoneProfile initial(Instant at) {
        return new PhoneProfile("Hey there! I am using WhatsApp.", at, null, null, null, null);
    }

    public PhoneProfile withAbout(String text, Instant at) {
        return new PhoneProfile(text, at, pictureId, pictureUrl, pictureDirectPath, business);
    }

    public PhoneProfile withPicture(String id, String url, String directPath) {
        return new PhoneProfile(about, aboutSetAt, id, url, directPath, business);
    }

    public PhoneProfile withBusiness(Business profile) {
        return new PhoneProfile(about, aboutSetAt, pictureId, pictureUrl, pictureDirectPath, profile);
    }

    public boolean hasPicture() {
        return pictureId != null;
    }
}
