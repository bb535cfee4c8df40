package io.kubezap.simulator.media;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * {@code mmg.whatsapp.net}: stores encrypted media uploaded with an auth token from {@code media_conn}
 * ({@code POST /mms/<type>/<fileEncSha256 base64url>?auth=…&token=…}, answered with the blob's
 * {@code url} and {@code direct_path}) and serves it back by that path ({@code GET}). Direct paths
 * are signed ({@code oh}) with an expiry ({@code oe}), as the real host's are, so only the paths
 * it handed out download. The host never sees plaintext or keys.
 */
public final class MediaHost {
    public static final String HOST = "mmg.whatsapp.net";
    private static final String CHANNEL_PATH_PREFIX = "newsletter-";
    static final Duration CONNECTION_TTL = Duration.ofHours(1);
    static final Duration AUTH_TTL = Duration.ofHours(6);
    static final Duration LINK_LIFETIME = Duration.ofDays(14);
    private static final Logger LOG = Logger.getLogger(MediaHost.class.getName());
    private static final String HISTORY_SYNC_PREFIX = "t62.36145-24";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final Clock clock;
    private final byte[] linkSigningKey = randomBytes(32);
    private final Map<String, Instant> authTokens = new ConcurrentHashMap<>();
    private final Map<String, StoredMedia> blobs = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> downloads = new ConcurrentHashMap<>();
    private final AtomicReference<String> tamperNextUpload = new AtomicReference<>();
    private final AtomicReference<HistoryFailures> historyFailures = new AtomicReference<>(HistoryFailures.NONE);

    /**
     * How the next {@code times} downloads of history sync blobs fail: answered with HTTP {@code status}, or, with
     * {@code corrupt}, served with a flipped MAC bit (the stored blob stays intact).
     */
    public record HistoryFailures(int times, int status, boolean corrupt) {
        static final HistoryFailures NONE = new HistoryFailures(0, 0, false);

        public HistoryFailures {
            if (times < 0 || (times > 0 && !corrupt && (status < 400 || status > 599))) {
                throw new IllegalArgumentException("times >= 0, and status an HTTP error (400-599) unless corrupt");
            }
        }
    }

    public MediaHost(Clock clock) {
        this.clock = clock;
    }

    /** A {@code media_conn} answer with a fresh auth token. */
    public MediaConnection newConnection() {
        var auth = BASE64URL.encodeToString(randomBytes(32));
        authTokens.put(auth, clock.instant().plus(AUTH_TTL));
        return new MediaConnection(auth, CONNECTION_TTL, AUTH_TTL, 12, List.of(HOST));
    }

    /** Where an upload is served; {@code handle}: the media handle a channel upload gets, for its message's {@code media_id}. */
    public record Upload(String url, String directPath, String handle) {
        public Upload(String url, String directPath) {
            this(url, directPath, null);
        }
    }

    /**
     * {@code POST /mms/<path>/<token>?auth=…&token=…}, or {@code POST /newsletter/newsletter-<path>/<token>?…} for channel
     * media, which WhatsApp takes unencrypted and answers with a {@code handle} as well.
     *
     * @throws MediaHostException 404 unknown media path, 401 missing or unknown/expired auth, 400 a
     *                            token that is not the base64url SHA-256 of the body
     */
    public Upload upload(String requestPath, byte[] body) {
        var uri = URI.create(requestPath);
        var segments = uri.getPath().split("/");
        var channel = segments.length == 4 && segments[1].equals("newsletter") && segments[2].startsWith(CHANNEL_PATH_PREFIX);
        if (segments.length != 4 || !(segments[1].equals("mms") || channel)) {
            throw new MediaHostException(404, "No upload endpoint at " + uri.getPath());
        }
        var kind = channel ? segments[2].substring(CHANNEL_PATH_PREFIX.length()) : segments[2];
        var type = MediaType.fromUploadPath(kind)
                .orElseThrow(() -> new MediaHostException(404, "Unknown media type " + kind));
        var query = query(uri);
        var auth = query.get("auth");
        var expiry = auth == null ? null : authTokens.get(auth);
        if (expiry == null || expiry.isBefore(clock.instant())) {
            throw new MediaHostException(401, "The auth token is missing, unknown or expired: ask media_conn for one");
        }
        var hash = BASE64URL.encodeToString(MediaCipher.sha256(body));
        if (!hash.equals(segments[3]) || !hash.equals(query.getOrDefault("token", hash))) {
            throw new MediaHostException(400, "The upload token is not the SHA-256 of the uploaded bytes");
        }
        var stored = store(type, body);
        return channel ? new Upload(stored.url(), stored.directPath(), BASE64URL.encodeToString(randomBytes(24))) : stored;
    }

    /** Stores a blob the server's own phones upload (the same checks bar the auth, which they hold by definition). */
    public Upload store(MediaType type, byte[] blob) {
        return store(type, objectPrefix(type), blob);
    }

    /** Stores a history sync blob a phone uploads for its companions (listed as a document's). */
    public Upload storeHistorySync(byte[] blob) {
        return store(MediaType.DOCUMENT, HISTORY_SYNC_PREFIX, blob);
    }

    /** The next downloads of history sync blobs fail so (replacing what was set); {@code times} 0 ends it. */
    public void failHistoryDownloads(HistoryFailures failures) {
        historyFailures.set(failures);
        LOG.info(() -> "The next " + failures.times() + " history sync downloads fail"
                + (failures.corrupt() ? " (corrupted)" : " with " + failures.status()));
    }

    /** How many history sync downloads are still to fail. */
    public int historyFailuresLeft() {
        return historyFailures.get().times();
    }

    /** Takes one injected failure for a history sync blob, if any is left. */
    private Optional<HistoryFailures> takeHistoryFailure(String objectPath) {
        if (!objectPath.startsWith("/v/" + HISTORY_SYNC_PREFIX + "/")) {
            return Optional.empty();
        }
        var taken = historyFailures.getAndUpdate(left -> left.times() == 0 ? left
                : new HistoryFailures(left.times() - 1, left.status(), left.corrupt()));
        return taken.times() == 0 ? Optional.empty() : Optional.of(taken);
    }

    /** Stores an app-state blob (a snapshot, or a patch's mutations) the server uploads for a companion's pull. */
    public Upload storeAppState(byte[] blob) {
        return store(MediaType.DOCUMENT, "t62.1182-24", blob);
    }

    private Upload store(MediaType type, String prefix, byte[] blob) {
        var expiry = Long.toHexString(clock.instant().plus(LINK_LIFETIME).getEpochSecond()).toUpperCase();
        var objectPath = "/v/" + prefix + "/" + Math.abs(RANDOM.nextLong() % 100_000_000_000L) + "_"
                + HexFormat.of().formatHex(randomBytes(8)) + "_n.enc";
        var directPath = objectPath + "?ccb=11-4&oh=" + signature(objectPath, expiry) + "&oe=" + expiry + "&_nc_sid=5e03e0";
        var stored = new StoredMedia(type, directPath, blob.clone(), BASE64URL.encodeToString(MediaCipher.sha256(blob)), clock.instant(), false);
        blobs.put(objectPath, stored);
        var armed = tamperNextUpload.getAndSet(null);
        if (armed != null) {
            tamper(directPath, armed);
        }
        LOG.fine(() -> "Stored " + blob.length + " bytes of " + type.id() + " at " + objectPath);
        return new Upload("https://" + HOST + directPath + "&mms3=true", directPath);
    }

    /**
     * {@code GET} of a direct path or of a URL on this host (extra query parameters, such as the
     * {@code hash} and {@code mms-type} clients add, are ignored).
     *
     * @throws MediaHostException 404 no such blob, 403 a path whose signature or expiry is wrong
     */
    public byte[] download(String pathOrUrl) {
        var uri = URI.create(pathOrUrl);
        if (uri.getHost() != null && !HOST.equals(uri.getHost())) {
            throw new MediaHostException(404, "Not a " + HOST + " URL: " + pathOrUrl);
        }
        var stored = blobs.get(uri.getPath());
        if (stored == null) {
            throw new MediaHostException(404, "No media at " + uri.getPath());
        }
        var query = query(uri);
        var expiry = query.getOrDefault("oe", "");
        var signed = MessageDigest.isEqual(signature(uri.getPath(), expiry).getBytes(StandardCharsets.US_ASCII),
                query.getOrDefault("oh", "").getBytes(StandardCharsets.US_ASCII));
        if (!signed || expired(expiry)) {
            throw new MediaHostException(403, "The URL signature (oh) or expiry (oe) is not valid for " + uri.getPath());
        }
        downloads.computeIfAbsent(uri.getPath(), ignored -> new AtomicInteger()).incrementAndGet();
        var failure = takeHistoryFailure(uri.getPath());
        if (failure.isPresent() && !failure.get().corrupt()) {
            throw new MediaHostException(failure.get().status(), "Injected failure of a history sync download");
        }
        var served = stored.blob().clone();
        if (failure.isPresent()) {
            served[tamperedIndex(served, "mac")] ^= 0x01;
        }
        return served;
    }

    /** How often a stored blob was served (by its direct path or URL). */
    public int downloadsOf(StoredMedia media) {
        var count = downloads.get(media.objectPath());
        return count == null ? 0 : count.get();
    }

    /**
     * Flips a bit in a stored blob's MAC (or, with {@code part = "ciphertext"}, in its first byte), as
     * a faulty host or network would: receivers must notice and refuse the file.
     */
    public StoredMedia tamper(String directPath, String part) {
        var path = URI.create(directPath).getPath();
        var stored = Optional.ofNullable(blobs.get(path)).orElseThrow(() -> new NoSuchElementException("No media at " + path));
        var blob = stored.blob().clone();
        var index = tamperedIndex(blob, part);
        blob[index] ^= 0x01;
        var tampered = new StoredMedia(stored.type(), stored.directPath(), blob, stored.encSha256(), stored.uploadedAt(), true);
        blobs.put(path, tampered);
        LOG.info(() -> "Tampered with the " + (part == null ? "mac" : part) + " of " + path);
        return tampered;
    }

    /** The next blob stored (uploaded by anyone) is tampered with the moment it arrives; the uploader is not told. */
    public void tamperNextUpload(String part) {
        tamperedIndex(new byte[1], part);
        tamperNextUpload.set(part == null ? "mac" : part);
    }

    private static int tamperedIndex(byte[] blob, String part) {
        return switch (part == null ? "mac" : part) {
            case "mac" -> blob.length - 1;
            case "ciphertext" -> 0;
            default -> throw new IllegalArgumentException("part is mac or ciphertext, got " + part);
        };
    }

    public Collection<StoredMedia> stored() {
        return List.copyOf(blobs.values());
    }

    private boolean expired(String hexExpiry) {
        try {
            return Long.parseLong(hexExpiry, 16) < clock.instant().getEpochSecond();
        } catch (NumberFormatException exception) {
            return true;
        }
    }

    private String signature(String objectPath, String expiry) {
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(linkSigningKey, "HmacSHA256"));
            return "01_" + BASE64URL.encodeToString(mac.doFinal((objectPath + "|" + expiry).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException exception) {
            throw new IllegalStateException("HmacSHA256 is not available", exception);
        }
    }

    /** The real host's object classes per kind, as seen in media URLs. */
    private static String objectPrefix(MediaType type) {
        return switch (type) {
            case IMAGE -> "t62.7118-24";
            case VIDEO -> "t62.7161-24";
            case AUDIO, VOICE -> "t62.7117-24";
            case DOCUMENT -> "t62.7119-24";
            case STICKER -> "t62.15575-24";
        };
    }

    private static Map<String, String> query(URI uri) {
        var result = new HashMap<String, String>();
        var raw = uri.getRawQuery();
        if (raw == null) {
            return result;
        }
        for (var pair : raw.split("&")) {
            var equals = pair.indexOf('=');
            var name = equals < 0 ? pair : pair.substring(0, equals);
            var value = equals < 0 ? "" : pair.substring(equals + 1);
            result.put(URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return result;
    }

    private static byte[] randomBytes(int length) {
        var bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
