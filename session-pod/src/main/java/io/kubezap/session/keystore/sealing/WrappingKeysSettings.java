package io.kubezap.session.keystore.sealing;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where the wrapping keys come from: the namespace's Secret ({@code KUBEZAP_KEY_WRAPPING_KEYS}), an AWS KMS key
 * ({@code KUBEZAP_KEY_WRAPPING_KMS_KEY}, optionally at {@code KUBEZAP_KEY_WRAPPING_KMS_ENDPOINT}), or both: then KMS is
 * current and the Secret's keys still open what they wrapped, until each session re-wrapped at its next start.
 */
public record WrappingKeysSettings(Optional<String> secretKeys, Optional<String> kmsKey, Optional<String> kmsEndpoint,
                                   KeyOwner owner) {

    static final String SECRET_KEYS = "KUBEZAP_KEY_WRAPPING_KEYS";
    static final String KMS_KEY = "KUBEZAP_KEY_WRAPPING_KMS_KEY";
    static final String KMS_ENDPOINT = "KUBEZAP_KEY_WRAPPING_KMS_ENDPOINT";

    public WrappingKeysSettings {
        secretKeys = secretKeys.filter(value -> !value.isBlank());
        kmsKey = kmsKey.filter(value -> !value.isBlank()).map(String::strip);
        kmsEndpoint = kmsEndpoint.filter(value -> !value.isBlank()).map(String::strip);
    }

    public static WrappingKeysSettings none() {
        return new WrappingKeysSettings(Optional.empty(), Optional.empty(), Optional.empty(), new KeyOwner("default", "local"));
    }

    public boolean any() {
        return secretKeys.isPresent() || kmsKey.isPresent();
    }

    /** @throws IllegalArgumentException naming the variable that is wrong (never a key's value) */
    public WrappingKeys wrappingKeys() {
        List<WrappingKeys> sources = new ArrayList<>();
        kmsKey.ifPresent(key -> sources.add(kms(key)));
        secretKeys.ifPresent(keys -> sources.add(secret(keys)));
        if (sources.isEmpty()) {
            throw new IllegalStateException("no wrapping key is set");
        }
        return sources.size() == 1 ? sources.getFirst() : new ChainedWrappingKeys(sources);
    }

    private WrappingKeys kms(String key) {
        Optional<URI> endpoint;
        try {
            endpoint = kmsEndpoint.map(URI::create).filter(uri -> uri.getScheme() != null && uri.getHost() != null);
        } catch (IllegalArgumentException notAUri) {
            endpoint = Optional.empty();
        }
        if (kmsEndpoint.isPresent() && endpoint.isEmpty()) {
            throw new IllegalArgumentException(KMS_ENDPOINT + ": not a URL such as https://kms.eu-west-1.amazonaws.com");
        }
        try {
            return KmsWrappingKeys.connect(key, endpoint, owner);
        } catch (IllegalArgumentException wrong) {
            throw new IllegalArgumentException(KMS_KEY + ": " + wrong.getMessage());
        }
    }

    private static WrappingKeys secret(String keys) {
        try {
            return SecretWrappingKeys.parse(keys);
        } catch (IllegalArgumentException wrong) {
            throw new IllegalArgumentException(SECRET_KEYS + ": " + wrong.getMessage());
        }
    }
}
