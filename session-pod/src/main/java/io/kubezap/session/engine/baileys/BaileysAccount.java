package io.kubezap.session.engine.baileys;

import io.kubezap.session.engine.AccountEngine;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;

import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * The account's own settings on the Baileys engine: only the read receipts privacy is bridged (Baileys'
 * {@code updateReadReceiptsPrivacy}, for {@code spec.readReceipts.send}); every other call is refused as
 * {@link io.kubezap.session.engine.UnsupportedByEngine}.
 */
@ApplicationScoped
@Typed(BaileysAccount.class)
public class BaileysAccount implements AccountEngine {

    private static final String ACCOUNT = "The account's profile and privacy";
    private static final String READ_RECEIPTS = "readreceipts";

    private final BaileysEngine engine;

    public BaileysAccount(BaileysEngine engine) {
        this.engine = engine;
    }

    @Override
    public CompletionStage<Void> setPushName(String name) {
        return BaileysEngine.refused(ACCOUNT);
    }

    @Override
    public CompletionStage<Void> setAbout(String about) {
        return BaileysEngine.refused(ACCOUNT);
    }

    @Override
    public CompletionStage<Void> setPicture(byte[] jpeg) {
        return BaileysEngine.refused(ACCOUNT);
    }

    @Override
    public CompletionStage<Map<String, String>> privacy() {
        return BaileysEngine.refused(ACCOUNT);
    }

    @Override
    public CompletionStage<Void> setPrivacy(String category, String value) {
        if (READ_RECEIPTS.equals(category)) {
            return engine.request("readReceiptsPrivacy", fields -> fields.put("value", value)).thenApply(done -> null);
        }
        return BaileysEngine.refused(ACCOUNT);
    }
}
