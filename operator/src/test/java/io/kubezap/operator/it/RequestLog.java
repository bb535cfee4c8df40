package io.kubezap.operator.it;

import io.fabric8.mockwebserver.http.RecordedRequest;
import io.quarkus.test.kubernetes.client.KubernetesServer;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The requests the mock API server received, from the moment {@link #start()} drained the ones before. */
final class RequestLog {

    private final KubernetesServer server;

    RequestLog(KubernetesServer server) {
        this.server = server;
    }

    /** Forgets every request received so far. */
    RequestLog start() {
        taken();
        return this;
    }

    /** {@code "GET /api/v1/..."} for every request since {@link #start()} (or the last call). */
    List<String> requests() {
        return taken().stream().map(r -> r.getMethod() + " " + r.getPath()).toList();
    }

    private List<RecordedRequest> taken() {
        List<RecordedRequest> requests = new ArrayList<>();
        try {
            for (RecordedRequest r = next(); r != null; r = next()) {
                requests.add(r);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return requests;
    }

    private RecordedRequest next() throws InterruptedException {
        return server.getKubernetesMockServer().takeRequest(10, TimeUnit.MILLISECONDS);
    }
}
