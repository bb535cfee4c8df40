package io.kubezap.system.scale;

import io.fabric8.mockwebserver.DefaultMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Counts the requests the mock API server received, by verb and resource ({@code PATCH statefulsets/status},
 * {@code WATCH secrets}, …), draining the server's record as it goes so that a long run does not hoard them.
 */
public final class ApiRequests {

    private final DefaultMockServer server;
    private final Map<String, Long> counts = new TreeMap<>();

    public ApiRequests(DefaultMockServer server) {
        this.server = server;
    }

    /** Everything received since the last call, by kind. */
    public synchronized Map<String, Long> drain() throws InterruptedException {
        counts.clear();
        RecordedRequest request;
        while ((request = server.takeRequest(1, TimeUnit.MILLISECONDS)) != null) {
            counts.merge(kind(request.getMethod(), request.getPath()), 1L, Long::sum);
        }
        return Map.copyOf(counts);
    }

    static String kind(String method, String path) {
        String[] pathAndQuery = path.split("\\?", 2);
        boolean watch = pathAndQuery.length > 1 && pathAndQuery[1].contains("watch=true");
        String[] parts = pathAndQuery[0].split("/");
        String resource = parts[parts.length - 1];
        for (int i = 0; i < parts.length - 2; i++) {
            if (parts[i].equals("namespaces")) {
                resource = parts[i + 2] + (parts.length > i + 4 ? "/" + parts[i + 4] : "");
                break;
            }
        }
        return (watch ? "WATCH" : method) + " " + resource;
    }
}
