package io.kubezap.kubectl.transport;

import java.net.URI;

/** Joins a base URL, which may carry a path of its own (a gateway behind an Ingress prefix), and an absolute path. */
final class Urls {

    private Urls() {
    }

    static URI under(URI base, String path) {
        String text = base.toString();
        return URI.create((text.endsWith("/") ? text.substring(0, text.length() - 1) : text) + path);
    }
}
