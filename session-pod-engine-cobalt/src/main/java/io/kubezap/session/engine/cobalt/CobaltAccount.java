package io.kubezap.session.engine.cobalt;

import io.kubezap.session.engine.AccountEngine;
import io.kubezap.session.engine.SendFailedException;
import it.auties.whatsapp.model.node.Node;
import it.auties.whatsapp.model.privacy.PrivacySettingEntryBuilder;
import it.auties.whatsapp.model.privacy.PrivacySettingType;
import it.auties.whatsapp.model.privacy.PrivacySettingValue;
import io.kubezap.session.host.scope.PerSession;
import jakarta.enterprise.inject.Typed;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * The account's own settings by the IQs WhatsApp's clients send ({@code status}, {@code w:profile:picture},
 * {@code privacy}). The push name is written where WhatsApp's phone and Web keep it, the {@code setting_pushName}
 * app-state mutation in {@code critical_block} (so the phone's settings show it, and a later rename on the phone replaces
 * it there), and then announced in a {@code presence} stanza's {@code name} (what WhatsApp's server shows others with
 * the account's messages), as Cobalt 0.0.10's {@code changeName} sends it, but with the account's current availability
 * (Cobalt's would show the account online); it is kept in Cobalt's store (every later presence carries it) and reported
 * to the session at once.
 */
@PerSession
@Typed(CobaltAccount.class)
public class CobaltAccount implements AccountEngine {

    private final CobaltEngine engine;
    private final AppStatePatches appState = new AppStatePatches();

    public CobaltAccount(CobaltEngine engine) {
        this.engine = engine;
    }

    @Override
    public CompletionStage<Void> setPushName(String name) {
        var client = engine.client();
        if (client == null || !client.isConnected()) {
            return CompletableFuture.failedFuture(new SendFailedException("WhatsApp is not connected", true, null));
        }
        // the push name's answer may complete on Cobalt's reading thread, which names no session: the engine is the caller's
        var renamed = engine.renamer();
        return appState.pushName(client, name).thenRun(() -> {
            try {
                var availability = client.store().online() ? "available" : "unavailable";
                RawNodes.sendWithoutAnswer(client, Node.of("presence", Map.of("type", availability, "name", name)));
                client.store().setName(name);
                renamed.accept(client, name);
            } catch (RuntimeException refused) {
                throw new SendFailedException("Name not announced: " + refused.getMessage(), true, refused);
            }
        });
    }

    @Override
    public CompletionStage<Void> setAbout(String about) {
        return done(query("status", "set", Map.of(), Node.of("status", about.getBytes(StandardCharsets.UTF_8))));
    }

    @Override
    public CompletionStage<Void> setPicture(byte[] jpeg) {
        return done(picture(engine, Map.of(), jpeg));
    }

    /** Sets ({@code jpeg}) or removes ({@code null}) the picture of the account, or with a {@code target} of a group. */
    static CompletionStage<Node> picture(CobaltEngine engine, Map<String, Object> target, byte[] jpeg) {
        return jpeg == null ? ServerIqs.query(engine.client(), ServerIqs.SERVER, "w:profile:picture", "set", target)
                : ServerIqs.query(engine.client(), ServerIqs.SERVER, "w:profile:picture", "set", target,
                Node.of("picture", Map.of("type", "image"), jpeg));
    }

    @Override
    public CompletionStage<Map<String, String>> privacy() {
        return query("privacy", "get", Map.of(), Node.of("privacy")).thenApply(answer -> {
            var settings = new LinkedHashMap<String, String>();
            answer.findChild("privacy").map(privacy -> privacy.listChildren("category")).orElse(java.util.List.of())
                    .forEach(category -> settings.put(category.attributes().getString("name", ""),
                            category.attributes().getString("value", "")));
            return settings;
        });
    }

    @Override
    public CompletionStage<Void> setPrivacy(String category, String value) {
        return done(query("privacy", "set", Map.of(),
                Node.of("privacy", Node.of("category", Map.of("name", category, "value", value)))))
                .thenRun(() -> remember(category, value));
    }

    /**
     * Keeps what WhatsApp accepted in Cobalt's store as well, which its read receipts follow: with {@code readreceipts}
     * not {@code all} it sends {@code read-self} (seen by the account's own devices only), else {@code read}.
     */
    private void remember(String category, String value) {
        var client = engine.client();
        if (client == null) {
            return;
        }
        PrivacySettingType.of(category).ifPresent(type -> PrivacySettingValue.of(value).ifPresent(setting ->
                client.store().addPrivacySetting(type, new PrivacySettingEntryBuilder().type(type).value(setting)
                        .excluded(java.util.List.of()).build())));
    }

    private CompletionStage<Node> query(String xmlns, String type, Map<String, Object> extra, Node content) {
        return ServerIqs.query(engine.client(), ServerIqs.SERVER, xmlns, type, extra, content);
    }

    /** WhatsApp's refusal becomes a send failure that names its code (the API's 502 {@code whatsapp-refused}). */
    static CompletionStage<Void> done(CompletionStage<Node> answer) {
        return answer.handle((ignored, failure) -> {
            var cause = failure instanceof CompletionException wrapped ? wrapped.getCause() : failure;
            if (cause instanceof ServerIqs.Refused refused) {
                throw new SendFailedException("WhatsApp refused it: " + refused.code() + " " + refused.getMessage(), false, refused);
            }
            if (cause != null) {
                throw cause instanceof RuntimeException runtime ? runtime : new CompletionException(cause);
            }
            return null;
        });
    }
}
