package io.kubezap.session.tenancy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;

/** {@link SessionRoleProfile} with the cluster's wrapping key set, as the operator passes it, on a volume of its own. */
public class SealedKeyStoreProfile extends SessionRoleProfile {

    /** 32 bytes, base64: the Secret's one key. */
    static final String WRAPPING_KEYS = "tenancy-1:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

    @Override
    public Map<String, String> getConfigOverrides() {
        var overrides = new HashMap<>(super.getConfigOverrides());
        overrides.put("kubezap.key-wrapping-keys", WRAPPING_KEYS);
        try {
            overrides.put("kubezap.data-dir", Files.createTempDirectory("kubezap-sealed-volume").toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return overrides;
    }
}
