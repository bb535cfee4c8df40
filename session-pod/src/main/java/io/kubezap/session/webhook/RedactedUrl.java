package io.kubezap.session.webhook;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * A webhook URL as it may be shown in logs, thread names and API answers: receivers often put their token in
 * the query ({@code ?token=…}) or in the userinfo ({@code https://user:password@…}), so both are replaced by
 * {@code ***}; scheme, host, port and path stay, enough to tell endpoints apart.
 */
public final class RedactedUrl {

    static final String MASK = "***";
    static final String UNREADABLE = "(a URL that cannot be parsed)";

    private RedactedUrl() {
    }

    public static String of(URI url) {
        StringBuilder shown = new StringBuilder();
        if (url.getScheme() != null) {
            shown.append(url.getScheme()).append("://");
        }
        if (url.getRawUserInfo() != null) {
            shown.append(MASK).append('@');
        }
        if (url.getHost() != null) {
            shown.append(url.getHost());
        }
        if (url.getPort() >= 0) {
            shown.append(':').append(url.getPort());
        }
        if (url.getRawPath() != null) {
            shown.append(url.getRawPath());
        }
        if (url.getRawQuery() != null) {
            shown.append('?').append(MASK);
        }
        if (url.getRawFragment() != null) {
            shown.append('#').append(MASK);
        }
        return shown.toString();
    }

    /** A stored URL string; one that does not parse is not echoed at all. */
    public static String of(String url) {
        try {
            return of(new URI(url));
        } catch (URISyntaxException | NullPointerException unparsable) {
            return UNREADABLE;
        }
    }

    /** {@code text} (an error message) with every secret part of {@code url} it repeats masked. */
    static String scrub(String text, URI url) {
        if (text == null) {
            return null;
        }
        String scrubbed = text.replace(url.toString(), of(url));
        for (String secret : new String[] {url.getRawUserInfo(), url.getUserInfo(), url.getRawQuery(), url.getQuery(),
                url.getRawFragment()}) {
            if (secret != null && !secret.isEmpty()) {
                scrubbed = scrubbed.replace(secret, MASK);
            }
        }
        return scrubbed;
    }
}
