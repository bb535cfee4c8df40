package io.kubezap.session.api;

import jakarta.ws.rs.core.Response;

import java.nio.file.Path;

/** A profile picture (a contact's, the account's, a group's) served from the file kept on the volume. */
final class PictureResponses {

    private PictureResponses() {
    }

    static Response jpeg(Path file) {
        return Response.ok(file.toFile(), "image/jpeg").header("Cache-Control", "private, max-age=300").build();
    }
}
