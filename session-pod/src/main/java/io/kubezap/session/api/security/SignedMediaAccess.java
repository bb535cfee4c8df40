package io.kubezap.session.api.security;

import io.kubezap.contract.SessionApi;
import io.kubezap.contract.payload.SignedMediaUrl;
import io.kubezap.session.config.SessionSettings;
import io.kubezap.session.problem.ApiException;

import java.time.Instant;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A request without the API key that presents a media link an event carried ({@link SignedMediaUrl}): it may GET that
 * one message's file until the link expires (410 after), and nothing else (403). What the gateway checks too, so the
 * links of a session in local mode, which has no gateway, point at the pod itself.
 */
final class SignedMediaAccess {

    private static final Pattern MEDIA = Pattern.compile("^" + SessionApi.SESSIONS + "/([^/]+)/messages/([^/]+)/media/?$");

    private SignedMediaAccess() {
    }

    /** Why this signed request is refused, or empty when its link opens the file it asks for. */
    static Optional<ApiException> refusal(SessionSettings session, String method, String path, String expires, String signature,
                                          Instant now) {
        Matcher media = MEDIA.matcher(path);
        if (!("GET".equals(method) || "HEAD".equals(method)) || !media.matches() || !session.name().equals(media.group(1))) {
            return Optional.of(invalid("A media link opens only the GET of the file it was made for"));
        }
        return switch (SignedMediaUrl.check(session.apiKey(), session.namespace(), session.name(), media.group(2), expires,
                signature, now)) {
            case VALID -> Optional.empty();
            case EXPIRED -> Optional.of(new ApiException(410, "media-url-expired", "Media link expired",
                    "This media link expired; the message's next event, or GET /messages/{id}/media with the API key, has the file"));
            case TAMPERED -> Optional.of(invalid("This media link was not made by this session, or was changed"));
        };
    }

    private static ApiException invalid(String detail) {
        return new ApiException(403, "media-url-invalid", "Media link refused", detail);
    }
}
