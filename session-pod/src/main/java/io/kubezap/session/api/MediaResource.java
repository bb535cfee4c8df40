package io.kubezap.session.api;

import io.kubezap.contract.Problem;
import io.kubezap.contract.SessionApi;
import io.kubezap.session.engine.MediaKind;
import io.kubezap.session.media.ByteRange;
import io.kubezap.session.media.DerivedMedia;
import io.kubezap.session.media.conversion.AudioExtracts;
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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import io.kubezap.contract.payload.SignedMediaUrl;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameters;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.io.InputStream;
import java.net.URI;
import java.util.Optional;

/** {@code GET /messages/{id}/media}: a message's file, with its type, length, name and checksum, in ranges if asked. */
@Path(SessionApi.SESSION + "/messages/{id}/media")
@Tag(name = "Messages")
public class MediaResource {

    private final MessageRepository messages;
    private final MediaFiles files;
    private final DerivedMedia derived;

    public MediaResource(MessageRepository messages, MediaFiles files, DerivedMedia derived) {
        this.messages = messages;
        this.files = files;
        this.derived = derived;
    }

    @GET
    @Produces({MediaType.WILDCARD, Problem.MEDIA_TYPE})
    @Operation(operationId = "getMessageMedia", summary = "The message's file (ETag is its SHA-256; Range supported). 410 once the retention has passed."
            + " With redirect=true and an S3 media store: 307 to a pre-signed URL of the file, valid for a few minutes."
            + " format=mp3 or wav (a voice note, audio or video): its sound as MP3, or as 16 kHz mono WAV for speech-to-text,"
            + " computed at the first request and kept with the file. Without a key: a media link from an event (media.url,"
            + " spec.events.payload), its expires and signature in the query; 403 media-url-invalid when changed, 410"
            + " media-url-expired after it expires")
    @Parameters({
            @Parameter(name = SignedMediaUrl.EXPIRES, in = ParameterIn.QUERY, required = false,
                    schema = @Schema(type = SchemaType.INTEGER, format = "int64"),
                    description = "A media link's expiry (Unix seconds), as the event gave it"),
            @Parameter(name = SignedMediaUrl.SIGNATURE, in = ParameterIn.QUERY, required = false,
                    schema = @Schema(type = SchemaType.STRING),
                    description = "A media link's signature, as the event gave it; opens this file without the API key")})
    public Response download(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch,
                             @HeaderParam("Range") String range, @QueryParam("redirect") boolean redirect,
                             @QueryParam("format") String format) {
        Message message = messages.find(id).orElseThrow(() -> ApiException.notFound("No message '" + id + "' in this session"));
        MediaFiles.StoredMedia file = files.fileOf(message);
        MediaInfo media = message.media();
        if (format != null && !format.isBlank()) {
            AudioExtracts.Format form = AudioExtracts.Format.named(format.strip())
                    .orElseThrow(() -> ApiException.invalid("format", "is mp3 or wav"));
            file = derived.of(MediaKind.fromWire(message.type()).orElse(MediaKind.DOCUMENT), file, form);
            String name = (media.fileName() != null ? media.fileName().replaceFirst("\\.[^.]*$", "") : message.id())
                    + "." + form.extension();
            media = new MediaInfo(form.mimeType(), file.size(), file.sha256(), name, null, null);
        }
        String etag = "\"" + file.sha256() + "\"";
        if (redirect) {
            Optional<URI> presigned = files.presignedUrl(file, ServedMediaHeaders.contentType(media.mimeType()),
                    ServedMediaHeaders.disposition(media, message.id()));
            if (presigned.isPresent()) {
                return Response.temporaryRedirect(presigned.get()).header(HttpHeaders.CACHE_CONTROL, "no-store").build();
            }
        }
        if (ifNoneMatch != null && ifNoneMatch.contains(etag)) {
            return Response.notModified().header(HttpHeaders.ETAG, etag).build();
        }
        long size = file.size();
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
                .entity(body(file, part))
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

    /** The range, streamed from the store as it is read (never whole in memory). */
    private StreamingOutput body(MediaFiles.StoredMedia file, ByteRange part) {
        InputStream in = files.read(file, part.first(), part.length());
        return out -> {
            try (in) {
                in.transferTo(out);
            }
        };
    }
}
