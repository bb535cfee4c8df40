package io.kubezap.gateway.proxy;

import io.kubezap.contract.SessionApi;

import java.net.URI;

/** Where a session pod serves its REST API and the key it expects. The key never leaves the gateway. */
record PodTarget(String namespace, String session, URI baseUrl, String apiKey) {

    /** The pod's URL for {@code path} (below the session's base path) and the raw query string. */
    URI uri(String path, String rawQuery) {
        String base = baseUrl.toString().replaceAll("/+$", "");
        return URI.create(base + SessionApi.session(session) + (path.isEmpty() ? "" : "/" + path)
                + (rawQuery == null || rawQuery.isEmpty() ? "" : "?" + rawQuery));
    }
}
