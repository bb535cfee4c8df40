package io.kubezap.contract;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A webhook endpoint as the pod's metrics and logs and the session's status name it: scheme, host and port, and the
 * first 12 hex digits of the whole URL's SHA-256 to tell endpoints on one host apart. Never the path, query or user
 * information: Slack's, Discord's and many others' webhook URLs carry their secret in the path.
 */
public final class WebhookLabel {

    private WebhookLabel() {
    }

    public static String of(URI url) {
        String port = url.getPort() < 0 ? "" : ":" + url.getPort();
        return url.getScheme() + "://" + url.getHost() + port + " #" + hash(url.toString());
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
