package io.kubezap.gateway.proxy;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** A value placed in one segment of a pod's path (a JID, a message id), percent-encoded so it stays one segment. */
public final class PathSegment {

    private PathSegment() {
    }

    public static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
