package io.kubezap.session.engine.baileys;

import io.kubezap.session.engine.AccountEngine;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * The account's own settings on the Baileys engine: its push name, about text, picture and privacy settings, the
 * bridge's account requests (PROTOCOL.md, "The account").
 */
@ApplicationScoped
@Typed(BaileysAccount.class)
public class BaileysAccount implements AccountEngine {

    private final BaileysEngine engine;

    public BaileysAccount(BaileysEngine engine) {
        this.engine = engine;
    }

    @Override
    public CompletionStage<Void> setPushName(String name) {
        return done(engine.request("accountName", fields -> fields.put("name", name)));
    }

    @Override
    public CompletionStage<Void> setAbout(String about) {
        return done(engine.request("accountAbout", fields -> fields.put("about", about)));
    }

    /** The pod's square JPEG as it is (base64); none removes the picture. */
    @Override
    public CompletionStage<Void> setPicture(byte[] jpeg) {
        return done(engine.request("accountPicture", fields -> fields.put("jpeg",
                jpeg == null ? null : Base64.getEncoder().encodeToString(jpeg))));
    }

    @Override
    public CompletionStage<Map<String, String>> privacy() {
        return engine.request("privacy", fields -> fields).thenApply(answer -> {
            var settings = new LinkedHashMap<String, String>();
            answer.path("settings").properties().forEach(setting -> settings.put(setting.getKey(), setting.getValue().asText()));
            return settings;
        });
    }

    @Override
    public CompletionStage<Void> setPrivacy(String category, String value) {
        return done(engine.request("setPrivacy", fields -> fields.put("category", category).put("value", value)));
    }

    private static CompletionStage<Void> done(CompletionStage<?> answer) {
        return answer.thenApply(ignored -> null);
    }
}
