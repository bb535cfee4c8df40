package io.kubezap.simulator.stream;

import it.auties.whatsapp.model.signal.auth.Version;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Which WhatsApp Web versions the server announces and accepts. WhatsApp Web's versions are {@code 2.3000.<revision>};
 * web.whatsapp.com announces the current revision ({@code client_revision}) and the chat server refuses a login from
 * a version older than the minimum with {@code <failure reason="405"/>} ("client outdated"). Both change at run time,
 * as a WhatsApp release does.
 */
public final class WebClientVersions {
    private static final int PRIMARY = 2;
    private static final int SECONDARY = 3000;

    private final AtomicLong current;
    private final AtomicLong minimum = new AtomicLong();

    WebClientVersions(long currentRevision) {
        this.current = new AtomicLong(currentRevision);
    }

    /** The revision web.whatsapp.com announces now. */
    public long current() {
        return current.get();
    }

    /** Logins from revisions below this one are refused; 0: none is. */
    public long minimum() {
        return minimum.get();
    }

    public void set(long currentRevision, long minimumRevision) {
        if (currentRevision <= 0 || minimumRevision < 0) {
            throw new IllegalArgumentException("current must be positive and minimum not negative");
        }
        current.set(currentRevision);
        minimum.set(minimumRevision);
    }

    /** Whether a client announcing {@code version} may log in (a missing version is refused while a minimum is set). */
    boolean admits(Version version) {
        var least = minimum.get();
        if (least == 0) {
            return true;
        }
        if (version == null || version.primary() == null || version.secondary() == null || version.tertiary() == null) {
            return false;
        }
        if (version.primary() != PRIMARY) {
            return version.primary() > PRIMARY;
        }
        if (version.secondary() != SECONDARY) {
            return version.secondary() > SECONDARY;
        }
        return Integer.toUnsignedLong(version.tertiary()) >= least;
    }
}
