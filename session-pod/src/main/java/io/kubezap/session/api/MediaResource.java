package io.kubezap.session.api;

import io.kubezap.contract.Problem;
import io.kubezap.contract.SessionApi;
import io.kubezap.session.media.ByteRange;
import io.kubezap.session.media.MediaFiles;
import io.kubezap.session.message.MediaInfo;
import io.kubezap.session.message.Message;
import io.kubezap.session.message.MessageRepository;
import io.kubezap.session.problem.ApiException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.PathPart;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Optional;

/** {@code GET /messages/{id}/media}: a message's file, with its type, length, name and checksum, in ranges if asked. */
@Path(SessionApi.SESSION + "/messages/{id}/media")
@Tag(name = "Messages")
public class MediaResource {

    private final MessageRepository messages;
    private final MediaFiles files;

    public MediaResource(MessageRepository messages, MediaFiles files) {
        this.messages = messages;
        this.files = files;
    }

    @GET
    @Produces({MediaType.WILDCARD, Problem.MEDIA_TYPE})
    @Operation(summary = "The message's file (ETag is its SHA-256; Range supported). 410 once the retention has passed")
    public Response download(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch,
                             @HeaderParam("Range") String range) {
        Message message = messages.find(id).orElseThrow(() -> ApiException.notFound("No message '" + id + "' in this session"));
        java.nio.file.Path file = files.fileOf(message);
        MediaInfo media = message.media();
        String etag = "\"" + media.sha256() + "\"";
        if (ifNoneMatch != null && ifNoneMatch.contains(etag)) {
            return Response.notModified().header(HttpHeaders.ETAG, etag).build();
        }
        long size = sizeOf(file);
        Optional<ByteRange> wanted;
        try {
            wanted = ByteRange.parse(range, size);
        } catch (ByteRange.Unsatisfiable unsatisfiable) {
            return Response.status(416).header("Content-Range", "bytes */" + size).type(Problem.MEDIA_TYPE)
                    .entity(Problem.of("range-not-satisfiable", "Range not satisfiable", 416,
                            "The file has " + size + " bytes", java.util.List.of())).build();
        }
        ByteRange part = wanted.orElse(new ByteRange(0, size - 1));
        Response.ResponseBuilder response = Response.status(wanted.isPresent() ? 206 : 200)
                .entity(new PathPart(file, part.first(), part.length()))
                .type(ServedMediaHeaders.contentType(media.mimeType()))
                .header(HttpHeaders.CONTENT_LENGTH, part.length())
                .header(HttpHeaders.ETAG, etag)
                .header("Accept-Ranges", "bytes")
                .header("Content-Disposition", ServedMediaHeaders.disposition(media, message.id()))
                .header("X-Content-Type-Options", ServedMediaHeaders.NO_SNIFF)
                .header("Content-Security-Policy", ServedMediaHeaders.SANDBOX);
        wanted.ifPresent(r -> response.header("Content-Range", "bytes " + r.first() + "-" + r.last() + "/" + size));
        return response.build();
    }

    private static long sizeOf(java.nio.file.Path file) {
        try {
            return Files.size(file);
        } catch (IOException gone) {
            throw new UncheckedIOException(gone);
        }
    }
}
