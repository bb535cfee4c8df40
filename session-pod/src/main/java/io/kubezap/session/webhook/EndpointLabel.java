package io.kubezap.session.webhook;

import java.net.URI;

/**
 * A webhook endpoint as metrics, logs and thread names name it: scheme, host and port, and the first 12 hex digits of
 * the whole URL's SHA-256 to tell endpoints on one host apart. Never the path: Slack's, Discord's and many others'
 * webhook URLs carry their secret there ({@code /services/T…/B…/<token>}, {@code /api/webhooks/<id>/<token>}).
 */
final class EndpointLabel {

    private EndpointLabel() {
    }

    static String of(URI url) {
        return io.kubezap.contract.WebhookLabel.of(url);
    }

    /**
     * {@code text} (an error message to log) with every part of {@code url} that may hold a secret masked: user
     * information, query and fragment ({@link RedactedUrl#scrub}), and the path, raw and decoded.
     */
    static String scrub(String text, URI url) {
        String scrubbed = RedactedUrl.scrub(text, url);
        for (String path : new String[] {url.getRawPath(), url.getPath()}) {
            if (scrubbed != null && path != null && path.length() > 1) {
                scrubbed = scrubbed.replace(path, "/" + RedactedUrl.MASK);
            }
        }
        return scrubbed;
    }
}
