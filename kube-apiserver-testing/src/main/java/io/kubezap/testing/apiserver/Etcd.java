package io.kubezap.testing.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * The etcd under a {@link RealApiServer}, through its v3 JSON gateway (etcd 3.4's {@code /v3/...}): its revision and
 * size, and compaction, which is what a real cluster's kube-apiserver does every five minutes
 * (--etcd-compaction-interval) and after which a watch from an older resourceVersion is answered 410 Gone.
 */
public final class Etcd {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final URI clientUrl;
    private final HttpClient http = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build();

    Etcd(URI clientUrl) {
        this.clientUrl = clientUrl;
    }

    /** etcd's status: {@code header.revision}, {@code dbSize} (the file's bytes), {@code dbSizeInUse} (3.4+). */
    public Status status() {
        JsonNode status = post("/v3/maintenance/status", "{}");
        return new Status(status.path("header").path("revision").asLong(), status.path("dbSize").asLong(),
                status.path("dbSizeInUse").asLong());
    }

    /**
     * Compacts away every revision before the current one, physically; returns that revision. A watch from a
     * resourceVersion begins after it, so it is gone only when that version is older than the returned one minus one.
     */
    public long compact() {
        long revision = status().revision();
        post("/v3/kv/compaction", "{\"revision\": \"" + revision + "\", \"physical\": true}");
        return revision;
    }

    private JsonNode post(String path, String body) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(clientUrl.resolve(path))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("etcd " + path + " answered " + response.statusCode() + ": " + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** What {@link #status()} reports. */
    public record Status(long revision, long dbSizeBytes, long dbSizeInUseBytes) {
    }
}
