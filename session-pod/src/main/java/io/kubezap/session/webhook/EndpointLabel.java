package io.kubezap.session.webhook;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A webhook endpoint as metrics, logs and thread names name it: scheme, host and port, and the first 12 hex digits of
 * the whole URL's SHA-256 to tell endpoints on one host apart. Never the path: Slack's, Discord's and many others'
 * webhook URLs carry their secret there ({@code /services/T…/B…/<token>}, {@code /api/webhooks/<id>/<token>}).
 */
final class EndpointLabel {

    private EndpointLabel() {
    }

    static String of(URI url) {
        String port = url.getPort() < 0 ? "" : ":" + url.getPort();
        return url.getScheme() + "://" + url.getHost() + port + " #" + hash(url.toString());
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

    private static String hash(String url) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(url.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every JDK has SHA-256", impossible);
        }
    }
}
