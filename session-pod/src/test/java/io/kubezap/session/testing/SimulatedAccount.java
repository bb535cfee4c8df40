package io.kubezap.session.testing;

import io.kubezap.session.engine.AccountEngine;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** The account's own settings in memory, standing in for the Cobalt adapter's {@code AccountEngine} in tests. */
@Alternative
@Priority(1)
@ApplicationScoped
public class SimulatedAccount implements AccountEngine {

    private final Map<String, String> privacy = new LinkedHashMap<>(Map.of("last", "all", "online", "all", "profile", "all",
            "status", "contacts", "groupadd", "all", "readreceipts", "all", "calladd", "all"));
    private volatile String pushName;
    private volatile String about;
    private volatile byte[] picture;

    @Override
    public CompletionStage<Void> setPushName(String name) {
        pushName = name;
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<Void> setAbout(String text) {
        about = text;
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<Void> setPicture(byte[] jpeg) {
        picture = jpeg;
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public synchronized CompletionStage<Map<String, String>> privacy() {
        return CompletableFuture.completedFuture(Map.copyOf(privacy));
    }

    @Override
    public synchronized CompletionStage<Void> setPrivacy(String category, String value) {
        privacy.put(category, value);
        return CompletableFuture.completedFuture(null);
    }

    public String pushName() {
        return pushName;
    }

    public String about() {
        return about;
    }

    public byte[] picture() {
        return picture;
    }
}
