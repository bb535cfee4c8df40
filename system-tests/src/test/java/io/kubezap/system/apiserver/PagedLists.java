package io.kubezap.system.apiserver;

import io.fabric8.mockwebserver.http.MockResponse;

import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * List answers as a real API server gives them when asked for a {@code limit}: the first {@code limit} objects, and
 * while more remain a {@code metadata.continue} token (and {@code remainingItemCount} when no selector filtered the
 * list); a request with that token gets the next page of the same consistent list, at the first page's
 * resourceVersion, whatever was written since (etcd serves it at that revision; here the first page keeps the list it
 * was cut from). A token older than {@link #KEPT} (etcd's default compaction interval) is answered 410 Gone, reason
 * {@code Expired}; a malformed one, or one sent with a {@code resourceVersion}, 400. Without a limit, or when everything
 * fits, the whole list in one answer without a token, as before. The stock mock server ignores both parameters.
 */
final class PagedLists {

    /** How long a list stays continuable: the API server's compaction interval (kube-apiserver's default, 5 minutes). */
    static final Duration KEPT = Duration.ofMinutes(5);
    private static final Pattern TOKEN = Pattern.compile("\\{\"v\":\"meta.k8s.io/v1\",\"rv\":(\\d+),\"list\":(\\d+),\"start\":(\\d+)}");

    /** A list being paged: what it held when its first page was cut, at which resourceVersion, since when. */
    private record CutList(List<String> items, String resourceVersion, boolean selected, long cutAtNanos) {
    }

    private final Map<Long, CutList> cut = new ConcurrentHashMap<>();
    private final AtomicLong lists = new AtomicLong();
    private final LongSupplier nanoTime;
    private final long keptNanos;

    PagedLists() {
        this(System::nanoTime, KEPT);
    }

    /** With the clock and the time a list stays continuable given (tests). */
    PagedLists(LongSupplier nanoTime, Duration kept) {
        this.nanoTime = nanoTime;
        this.keptNanos = kept.toNanos();
    }

    /**
     * The answer to the list request {@code path}: {@code matching} (the objects it selects now, in the server's order)
     * at {@code resourceVersion}, or, for a request with a continue token, the next page of the list it continues.
     */
    MockResponse answer(String path, Supplier<List<String>> matching, String resourceVersion) {
        Map<String, String> query = query(path);
        long limit = limit(query);
        String token = query.get("continue");
        forgetExpired();
        if (token != null && !token.isEmpty()) {
            return continued(token, limit, query);
        }
        List<String> items = matching.get();
        if (limit <= 0 || items.size() <= limit) {
            return ok(body(items, resourceVersion, null, null));
        }
        long id = lists.incrementAndGet();
        var list = new CutList(List.copyOf(items), resourceVersion,
                query.containsKey("labelSelector") || query.containsKey("fieldSelector"), nanoTime.getAsLong());
        cut.put(id, list);
        return page(id, list, 0, limit);
    }

    /** Lists cut and not yet read to their end nor expired (a test checks none is left over). */
    int open() {
        forgetExpired();
        return cut.size();
    }

    private MockResponse continued(String token, long limit, Map<String, String> query) {
        if (query.containsKey("resourceVersion") && !query.get("resourceVersion").isEmpty()) {
            return status(HttpURLConnection.HTTP_BAD_REQUEST, "BadRequest",
                    "specifying resource version is not allowed when using continue");
        }
        Matcher fields = TOKEN.matcher(decode(token));
        if (!fields.matches()) {
            return status(HttpURLConnection.HTTP_BAD_REQUEST, "BadRequest", "continue key is not valid");
        }
        long id = Long.parseLong(fields.group(2));
        CutList list = cut.get(id);
        if (list == null) {
            return status(HttpURLConnection.HTTP_GONE, "Expired", "The provided continue parameter is too old to display"
                    + " a consistent list result. You can start a new list without the continue parameter.");
        }
        int start = Integer.parseInt(fields.group(3));
        return page(id, list, start, limit <= 0 ? list.items().size() : limit);
    }

    private MockResponse page(long id, CutList list, int start, long limit) {
        int end = (int) Math.min(list.items().size(), start + limit);
        int remaining = list.items().size() - end;
        if (remaining == 0) {
            cut.remove(id);
        }
        String token = remaining == 0 ? null : encode("{\"v\":\"meta.k8s.io/v1\",\"rv\":%s,\"list\":%d,\"start\":%d}"
                .formatted(list.resourceVersion(), id, end));
        Integer count = remaining == 0 || list.selected() ? null : remaining;
        return ok(body(list.items().subList(start, end), list.resourceVersion(), token, count));
    }

    private void forgetExpired() {
        long now = nanoTime.getAsLong();
        cut.values().removeIf(list -> now - list.cutAtNanos() > keptNanos);
    }

    /** As the stock server's composer writes a list, with the paging fields a real server adds. */
    private static String body(List<String> items, String resourceVersion, String token, Integer remainingItemCount) {
        return "{\"apiVersion\":\"v1\",\"kind\":\"List\", \"items\": [" + String.join(",", items) + "], \"metadata\": {"
                + "\"resourceVersion\": \"" + resourceVersion + "\", \"selfLink\": \"\""
                + (token == null ? "" : ", \"continue\": \"" + token + "\"")
                + (remainingItemCount == null ? "" : ", \"remainingItemCount\": " + remainingItemCount) + "}}";
    }

    private static MockResponse ok(String body) {
        return new MockResponse().setResponseCode(HttpURLConnection.HTTP_OK).setBody(body);
    }

    private static MockResponse status(int code, String reason, String message) {
        return new MockResponse().setResponseCode(code).setBody(("{\"apiVersion\":\"v1\",\"kind\":\"Status\","
                + "\"metadata\":{},\"status\":\"Failure\",\"message\":\"%s\",\"reason\":\"%s\",\"code\":%d}")
                .formatted(message, reason, code));
    }

    private static long limit(Map<String, String> query) {
        try {
            return Long.parseLong(query.getOrDefault("limit", "0"));
        } catch (NumberFormatException unreadable) {
            return 0;
        }
    }

    /** The query parameters of a request path, decoded. */
    static Map<String, String> query(String path) {
        Map<String, String> query = new HashMap<>();
        String raw = URI.create(path).getRawQuery();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                String[] nameAndValue = pair.split("=", 2);
                query.put(URLDecoder.decode(nameAndValue[0], StandardCharsets.UTF_8),
                        nameAndValue.length < 2 ? "" : URLDecoder.decode(nameAndValue[1], StandardCharsets.UTF_8));
            }
        }
        return query;
    }

    private static String encode(String token) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(token.getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String token) {
        try {
            return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            return "";
        }
    }
}
