package io.kubezap.session.engine.cobalt;

import it.auties.whatsapp.controller.Store;
import it.auties.whatsapp.model.companion.CompanionDevice;
import it.auties.whatsapp.model.signal.auth.Version;

import java.util.regex.Pattern;

/**
 * The WhatsApp Web version announced at login, set on Cobalt's store. Cobalt 0.0.10 otherwise fetches it from
 * web.whatsapp.com on the first handshake and, with no route, hangs there instead of failing; which version is
 * announced is {@link io.kubezap.session.engine.version.WebVersions}' choice.
 */
public record WebVersion(String text) {

    private static final Pattern FORMAT = Pattern.compile("\\d+(\\.\\d+){1,4}");
    private static final Version PLACEHOLDER = Version.of("0.0.1");

    public WebVersion {
        if (text == null || !FORMAT.matcher(text.trim()).matches()) {
            throw new IllegalArgumentException("KUBEZAP_WA_VERSION must look like 2.3000.1022032575, got: " + text);
        }
        text = text.trim();
    }

    /**
     * Sets this version on the store before a connect. {@code Store.setDevice} ignores a device equal
     * to the current one, and a restored store has a device but no resolved version, so a placeholder
     * device goes in first. The platform WhatsApp assigned at pairing is kept.
     */
    public void applyTo(Store store) {
        var platform = store.device() == null ? null : store.device().platform();
        store.setDevice(CompanionDevice.web(PLACEHOLDER).withPlatform(platform));
        store.setDevice(CompanionDevice.web(Version.of(text)).withPlatform(platform));
    }
}
