package io.kubezap.session.api;

import io.kubezap.session.message.MediaInfo;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/**
 * How a message's file is labelled when served. A received file's type and name are its sender's to choose: served
 * as {@code text/html} or {@code image/svg+xml}, inline and sniffable, it would run a contact's script in the origin
 * of the API (or of the gateway and its dashboard, which proxy it). So only well-known media types are named as
 * such (anything else is {@code application/octet-stream}), the file is always an attachment, browsers are told not
 * to sniff, and a CSP sandboxes whatever is opened anyway.
 */
final class ServedMediaHeaders {

    static final String NO_SNIFF = "nosniff";
    static final String SANDBOX = "default-src 'none'; sandbox";

    private static final String OPAQUE = "application/octet-stream";
    private static final Set<String> NAMED_TYPES = Set.of(
            "image/jpeg", "image/png", "image/webp", "image/gif",
            "audio/ogg", "audio/mpeg", "audio/wav", "audio/mp4", "audio/aac", "audio/amr", "audio/opus",
            "video/mp4", "video/3gpp", "application/pdf");

    private ServedMediaHeaders() {
    }

    /** The declared type's base type when it is one of the well-known media types, else {@code application/octet-stream}. */
    static String contentType(String declared) {
        if (declared == null) {
            return OPAQUE;
        }
        String base = declared.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return NAMED_TYPES.contains(base) ? base : OPAQUE;
    }

    /** {@code attachment} with the file name, in printable ASCII and in RFC 8187 form for any other characters. */
    static String disposition(MediaInfo media, String id) {
        String name = media.fileName() != null ? media.fileName() : id;
        String ascii = name.replaceAll("[^\\x20-\\x7e]|[\"\\\\]", "_");
        return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''"
                + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
