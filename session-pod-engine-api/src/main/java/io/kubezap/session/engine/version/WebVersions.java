package io.kubezap.session.engine.version;

import org.jboss.logging.Logger;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Which WhatsApp Web version a login announces. In order: the override ({@code KUBEZAP_WA_VERSION}, the operator's or
 * the session's), else the version web.whatsapp.com announces now ({@link WebVersionDiscovery}), else the last one this
 * session logged in with ({@link LastWorkingVersion}), else the one pinned in this release ({@link #PINNED}). The choice
 * is made at the first login and kept; once WhatsApp refuses a version as outdated ({@link #refused}) every next login
 * learns again, and neither the override nor a fallback WhatsApp refused since the last login that worked is announced
 * again while another is left (a refused override is of no use).
 */
public final class WebVersions {

    /** The version this release was tested with: the last resort. */
    public static final String PINNED = "2.3000.1022032575";
    private static final Pattern FORMAT = Pattern.compile("\\d+(\\.\\d+){1,4}");
    private static final Logger LOG = Logger.getLogger(WebVersions.class);

    private final Optional<String> override;
    private final Supplier<Optional<String>> discovery;
    private final String discoverySource;
    private final LastWorkingVersion lastWorking;
    private Choice chosen;
    private final Set<String> refused = new HashSet<>();

    /** Where a version came from, for logs and the reason a session shows. */
    public record Choice(String version, String source) {
    }

    public WebVersions(Optional<String> override, WebVersionDiscovery discovery, LastWorkingVersion lastWorking) {
        this(override, discovery::learn, discovery.source().toString(), lastWorking);
    }

    WebVersions(Optional<String> override, Supplier<Optional<String>> discovery, String discoverySource,
                LastWorkingVersion lastWorking) {
        override.ifPresent(WebVersions::requireFormat);
        this.override = override;
        this.discovery = discovery;
        this.discoverySource = discoverySource;
        this.lastWorking = lastWorking;
    }

    /** A version the pod announces as given: without it, a start never reaches the network for one. */
    public static WebVersions fixed(String version) {
        requireFormat(version);
        return new WebVersions(Optional.of(version), Optional::empty, "nowhere", LastWorkingVersion.NONE);
    }

    /** The version the next login announces; may ask web.whatsapp.com (within the discovery's timeout). */
    public synchronized Choice forLogin() {
        if (chosen == null) {
            chosen = choose();
            LOG.infof("Announcing WhatsApp Web %s (%s)", chosen.version(), chosen.source());
        }
        return chosen;
    }

    /** What the session shows when WhatsApp refused {@code version} ({@code answer}: WhatsApp's answer), on either engine. */
    public static String refusal(String version, String answer) {
        return "WhatsApp refused WhatsApp Web " + version + " as outdated (" + answer
                + "); the next attempt announces the version web.whatsapp.com announces now";
    }

    /** WhatsApp refused {@code version} as outdated: the next login learns the current one. */
    public synchronized void refused(String version) {
        refused.add(version);
        chosen = null;
    }

    /** A login with {@code version} worked: it is kept with the session, for when nothing better can be learnt. */
    public void worked(String version) {
        synchronized (this) {
            refused.clear();
        }
        lastWorking.remember(version);
    }

    private Choice choose() {
        if (override.isPresent() && !refused.contains(override.get())) {
            return new Choice(override.get(), "set by KUBEZAP_WA_VERSION");
        }
        var learnt = discovery.get().filter(WebVersions::wellFormed);
        if (learnt.isPresent()) {
            return new Choice(learnt.get(), "announced by " + discoverySource);
        }
        var kept = lastWorking.read().filter(WebVersions::wellFormed).filter(version -> !refused.contains(version));
        if (kept.isPresent()) {
            return new Choice(kept.get(), "the last version this session logged in with; " + discoverySource + " was not read");
        }
        return new Choice(PINNED, "pinned in this release; " + discoverySource + " was not read and no other version is left");
    }

    private static boolean wellFormed(String version) {
        return version != null && FORMAT.matcher(version).matches();
    }

    private static void requireFormat(String version) {
        if (!wellFormed(version)) {
            throw new IllegalArgumentException("KUBEZAP_WA_VERSION must look like 2.3000.1022032575, got: " + version);
        }
    }
}
