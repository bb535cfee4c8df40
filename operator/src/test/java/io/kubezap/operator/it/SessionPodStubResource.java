package io.kubezap.operator.it;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/** Starts {@link SessionPodStub} before the operator and points the operator's session endpoint at it. */
public class SessionPodStubResource implements QuarkusTestResourceLifecycleManager {

    private static volatile SessionPodStub stub;

    public static SessionPodStub stub() {
        return stub;
    }

    @Override
    public Map<String, String> start() {
        try {
            stub = new SessionPodStub();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("kubezap.session.endpoint-override", stub.baseUrl());
    }

    @Override
    public void stop() {
        if (stub != null) {
            stub.stop();
        }
    }
}
