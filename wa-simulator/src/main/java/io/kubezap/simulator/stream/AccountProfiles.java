package io.kubezap.simulator.stream;

import io.kubezap.simulator.group.Group;
import io.kubezap.simulator.media.MediaHost;
import io.kubezap.simulator.media.MediaType;
import io.kubezap.simulator.phone.PhoneProfile;
import io.kubezap.simulator.phone.SimulatedPhone;

import java.time.Clock;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Changes to what an account shows others, whoever makes them (its phone's owner, or a companion by IQ): the about text
 * and the profile picture, kept on the media host as WhatsApp's CDN keeps it (plain JPEG bytes under a signed path; a
 * new picture gets a new id).
 */
final class AccountProfiles {
    /** WhatsApp's limit on an about text. */
    static final int ABOUT_MAX_LENGTH = 139;

    private final MediaHost mediaHost;
    private final Clock clock;

    AccountProfiles(MediaHost mediaHost, Clock clock) {
        this.mediaHost = mediaHost;
        this.clock = clock;
    }

    /**
     * @throws IllegalArgumentException when nothing is given, or the about is longer than WhatsApp allows
     */
    PhoneProfile change(SimulatedPhone phone, String about, byte[] picture, PhoneProfile.Business business) {
        if (about == null && picture == null && business == null) {
            throw new IllegalArgumentException("give an about text, a picture (base64), a business profile, or any of them");
        }
        if (about != null && about.length() > ABOUT_MAX_LENGTH) {
            throw new IllegalArgumentException("an about text is at most " + ABOUT_MAX_LENGTH + " characters");
        }
        var profile = phone.profile();
        if (about != null) {
            profile = profile.withAbout(about, clock.instant());
        }
        if (picture != null) {
            profile = withPicture(profile, picture);
        }
        if (business != null) {
            profile = profile.withBusiness(business);
        }
        phone.profile(profile);
        return profile;
    }

    void removePicture(SimulatedPhone phone) {
        phone.profile(phone.profile().withPicture(null, null, null));
    }

    private PhoneProfile withPicture(PhoneProfile profile, byte[] jpeg) {
        var picture = stored(jpeg);
        return profile.withPicture(picture.id(), picture.url(), picture.directPath());
    }

    /** A new picture (an account's or a group's) on the media host with a new id (WhatsApp's are time-based numbers). */
    Group.GroupPicture stored(byte[] jpeg) {
        var stored = mediaHost.store(MediaType.IMAGE, jpeg);
        var id = String.valueOf(clock.instant().getEpochSecond() * 1000 + ThreadLocalRandom.current().nextInt(1000));
        return new Group.GroupPicture(id, stored.url(), stored.directPath());
    }
}
