package io.kubezap.cobalt.media;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Where a received file may be fetched from: WhatsApp's media hosts ({@code *.whatsapp.net} over HTTPS on the default
 * port), nothing else. A media message's {@code url} and {@code directPath} are written by its sender inside the
 * end-to-end encrypted message, so WhatsApp never vets them: read as given they would let any contact make the pod
 * call any address (cloud metadata, the kubelet, another tenant's pod).
 */
public final class WhatsAppMediaHosts {

    private static final String DOMAIN = "whatsapp.net";

    private WhatsAppMediaHosts() {
    }

    /**
     * The URL of a received file: its direct path on WhatsApp's default media host, else its url; either only when
     * it names a WhatsApp media host.
     *
     * @throws MediaHostRefusedException when neither is given or what is given points elsewhere
     */
    public static URI locate(String url, String directPath) throws MediaHostRefusedException {
        if (directPath != null && !directPath.isEmpty()) {
            if (!directPath.startsWith("/") || directPath.startsWith("//")) {
                throw new MediaHostRefusedException("the direct path " + quoted(directPath) + " is not a path");
            }
            return checked("https://" + MediaTransfer.DEFAULT_HOST + directPath);
        }
        if (url != null && !url.isEmpty()) {
            return checked(url);
        }
        throw new MediaHostRefusedException("the message has neither a url nor a direct path");
    }

    /** Why {@code target} is not a WhatsApp media host, or null when it is one. */
    public static String refusal(URI target) {
        String scheme = target.getScheme() == null ? "" : target.getScheme().toLowerCase(Locale.ROOT);
        String host = target.getHost() == null ? "" : target.getHost().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https")) {
            return "media is fetched over https only, not " + quoted(target.toString());
        }
        if (target.getRawUserInfo() != null || (target.getPort() != -1 && target.getPort() != 443)) {
            return "a media URL names no user and no port: " + quoted(target.toString());
        }
        if (!host.equals(DOMAIN) && !host.endsWith("." + DOMAIN)) {
            return "media is fetched from WhatsApp's media hosts (*." + DOMAIN + ") only, not from " + quoted(host);
        }
        return null;
    }

    private static URI checked(String candidate) throws MediaHostRefusedException {
        URI parsed;
        try {
            parsed = new URI(candidate);
        } catch (URISyntaxException malformed) {
            throw new MediaHostRefusedException("the media URL " + quoted(candidate) + " is malformed");
        }
        String refused = refusal(parsed);
        if (refused != null) {
            throw new MediaHostRefusedException(refused);
        }
        return parsed;
    }

    /** At most 100 characters of what the sender wrote: it ends up in logs and problem details. */
    private static String quoted(String given) {
        return "'" + (given.length() > 100 ? given.substring(0, 100) + "…" : given) + "'";
    }
}
