package io.kubezap.session.engine;

import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * The linked account itself, as its owner changes it on the phone: its push name, about text, profile picture and
 * privacy settings. (What others see of it is read like any contact's: {@link WhatsAppEngine#profile}.)
 */
public interface AccountEngine {

    /** The name the account shows others (their phones show it with its messages). */
    CompletionStage<Void> setPushName(String name);

    /** The about text (at most 139 characters). */
    CompletionStage<Void> setAbout(String about);

    /** A square JPEG (WhatsApp shows 640×640 at most) becomes the account's profile picture; {@code null} removes it. */
    CompletionStage<Void> setPicture(byte[] jpeg);

    /** Every privacy category WhatsApp keeps for the account with its value ({@code last} → {@code contacts}, …). */
    CompletionStage<Map<String, String>> privacy();

    /** One privacy category's new value, as WhatsApp names both. */
    CompletionStage<Void> setPrivacy(String category, String value);
}
