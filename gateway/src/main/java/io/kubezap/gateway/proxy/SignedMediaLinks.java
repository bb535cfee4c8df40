package io.kubezap.gateway.proxy;

import io.kubezap.contract.payload.SignedMediaUrl;
import io.kubezap.gateway.problem.GatewayException;

import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A call without credentials that presents a media link a session's event carried ({@link SignedMediaUrl}): it may GET
 * that one message's file, until the link expires (410), and nothing else (403). The link is checked here with the
 * session's key copy the proxy already holds, and the pod is then called with its key, as for any caller; neither key
 * is ever in the link.
 */
final class SignedMediaLinks {

    private static final Pattern MEDIA = Pattern.compile("^messages/([^/]+)/media/?$");

    private SignedMediaLinks() {
    }

    static void require(PodTarget target, String method, String rest, String expires, String signature, Instant now) {
        Matcher media = MEDIA.matcher(rest);
        if (!("GET".equals(method) || "HEAD".equals(method)) || !media.matches()) {
            throw invalid("A media link opens only the GET of the file it was made for");
        }
        switch (SignedMediaUrl.check(target.apiKey(), target.namespace(), target.session(), media.group(1), expires, signature, now)) {
            case VALID -> { }
            case EXPIRED -> throw new GatewayException(410, "media-url-expired", "Media link expired",
                    "This media link expired; the message's next event, or GET …/messages/{id}/media with a key, has the file");
            case TAMPERED -> throw invalid("This media link was not made by this session, or was changed");
        }
    }

    private static GatewayException invalid(String detail) {
        return new GatewayException(403, "media-url-invalid", "Media link refused", detail);
    }
}
