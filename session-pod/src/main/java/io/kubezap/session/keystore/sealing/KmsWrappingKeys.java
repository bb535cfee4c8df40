package io.kubezap.session.keystore.sealing;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.DecryptRequest;
import software.amazon.awssdk.services.kms.model.EncryptRequest;
import software.amazon.awssdk.services.kms.model.KmsException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Data keys wrapped by AWS KMS (or a service speaking its API): the data key goes to KMS' Encrypt under the key the
 * operator names and comes back through Decrypt, so the wrapping key never leaves the service, and the service's audit
 * log records every unwrap. Key ids in sealed blobs read {@code kms:<key id>}; a Secret key's id never holds a colon.
 * KMS rotates its key material itself (older material keeps decrypting), so the id stays current across rotations.
 */
public final class KmsWrappingKeys implements WrappingKeys {

    static final String PREFIX = "kms:";
    /** Binds a ciphertext to this use: KMS refuses to decrypt it for a request that does not name the same context. */
    static final Map<String, String> CONTEXT = Map.of("kubezap", "key-store-data-key");

    private final KmsClient client;
    private final String keyId;

    KmsWrappingKeys(KmsClient client, String keyId) {
        this.client = client;
        this.keyId = keyId;
    }

    /**
     * A client of KMS for {@code keyId} (an ARN, alias ARN, key id or {@code alias/…}); its region is the ARN's, else
     * the AWS default (AWS_REGION); credentials come from the AWS default chain (a pod identity, web identity token or
     * AWS_ACCESS_KEY_ID). No request is made yet.
     */
    public static KmsWrappingKeys connect(String keyId, Optional<URI> endpoint) {
        var http = UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(10))
                .socketTimeout(Duration.ofSeconds(30)).build();
        var client = KmsClient.builder().httpClient(http).region(regionOf(keyId));
        endpoint.ifPresent(client::endpointOverride);
        return new KmsWrappingKeys(client.build(), keyId);
    }

    static Region regionOf(String keyId) {
        var parts = keyId.split(":");
        if (keyId.startsWith("arn:") && parts.length > 4 && !parts[3].isBlank()) {
            return Region.of(parts[3]);
        }
        try {
            return new DefaultAwsRegionProviderChain().getRegion();
        } catch (SdkException none) {
            throw new IllegalArgumentException("the KMS key '" + keyId + "' is not an ARN, and no AWS region is set (AWS_REGION)");
        }
    }

    @Override
    public boolean holds(String id) {
        return id.startsWith(PREFIX);
    }

    @Override
    public String currentId() {
        return PREFIX + keyId;
    }

    @Override
    public WrappedDataKey wrap(byte[] dataKey) {
        try {
            var response = client.encrypt(EncryptRequest.builder().keyId(keyId).encryptionContext(CONTEXT)
                    .plaintext(SdkBytes.fromByteArray(dataKey)).build());
            return new WrappedDataKey(currentId(), response.ciphertextBlob().asByteArray());
        } catch (SdkException refused) {
            throw new UncheckedIOException(new IOException("KMS did not wrap the data key under '" + keyId + "': " + reason(refused)));
        }
    }

    @Override
    public byte[] unwrap(WrappedDataKey wrapped) throws IOException {
        if (!holds(wrapped.keyId())) {
            throw new IOException("the WhatsApp key store's data key is wrapped with key '" + wrapped.keyId()
                    + "', which is not a KMS key and is not given in KUBEZAP_KEY_WRAPPING_KEYS");
        }
        var key = wrapped.keyId().substring(PREFIX.length());
        try {
            return client.decrypt(DecryptRequest.builder().keyId(key).encryptionContext(CONTEXT)
                    .ciphertextBlob(SdkBytes.fromByteArray(wrapped.wrapped())).build()).plaintext().asByteArray();
        } catch (SdkException refused) {
            throw new IOException("KMS did not unwrap the WhatsApp key store's data key (key '" + key + "'): " + reason(refused));
        }
    }

    private static String reason(SdkException refused) {
        if (refused instanceof KmsException service && service.awsErrorDetails() != null) {
            return service.awsErrorDetails().errorCode() + ": " + service.awsErrorDetails().errorMessage();
        }
        return refused.getMessage();
    }
}
