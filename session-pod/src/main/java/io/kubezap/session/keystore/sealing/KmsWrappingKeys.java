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
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Data keys wrapped by AWS KMS (or a service speaking its API): the data key goes to KMS' Encrypt under the key the
 * operator names and comes back through Decrypt, so the wrapping key never leaves the service, and the service's audit
 * log records every unwrap. KMS rotates its key material itself (older material keeps decrypting), so the id stays
 * current across rotations.
 *
 * <p>Each data key is bound to its session by the encryption context ({@code namespace}, {@code session}): KMS opens
 * it only for a request naming the same session, and a key policy's condition on {@code kms:EncryptionContext:namespace}
 * can hold each namespace's pods to their own (issue 79 S7). Key ids in sealed blobs read {@code kms-session:<key>};
 * {@code kms:<key>} is what earlier releases wrote under one context for every session, still opened (and re-wrapped
 * at the start) until the key policy refuses that context. Only the keys the operator names are asked to unwrap: a
 * blob naming any other is refused, so whoever may write the volume cannot plant a data key of their choosing.
 */
public final class KmsWrappingKeys implements WrappingKeys {

    static final String PREFIX = "kms-session:";
    /** Releases before issue 79 S7: one context for every session. */
    static final String SHARED_PREFIX = "kms:";
    static final Map<String, String> SHARED_CONTEXT = Map.of("kubezap", "key-store-data-key");

    private final KmsClient client;
    private final List<String> keyIds;
    private final Map<String, String> context;

    /** {@code keyIds}: the current key first, then keys whose data keys still open (a move between KMS keys). */
    KmsWrappingKeys(KmsClient client, List<String> keyIds, KeyOwner owner) {
        this.client = client;
        this.keyIds = List.copyOf(keyIds);
        this.context = Map.of("kubezap", "key-store-data-key", "namespace", owner.namespace(), "session", owner.session());
    }

    /**
     * A client of KMS for {@code keyIds} (comma separated, the current first; each an ARN, alias ARN, key id or
     * {@code alias/…}); its region is the current key's ARN's, else the AWS default (AWS_REGION); credentials come from
     * the AWS default chain (a pod identity, web identity token or AWS_ACCESS_KEY_ID). No request is made yet.
     */
    public static KmsWrappingKeys connect(String keyIds, Optional<URI> endpoint, KeyOwner owner) {
        var keys = Arrays.stream(keyIds.split(",")).map(String::strip).filter(key -> !key.isEmpty()).toList();
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("no KMS key is named");
        }
        var http = UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(10))
                .socketTimeout(Duration.ofSeconds(30)).build();
        var client = KmsClient.builder().httpClient(http).region(regionOf(keys.getFirst()));
        endpoint.ifPresent(client::endpointOverride);
        return new KmsWrappingKeys(client.build(), keys, owner);
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
        return id.startsWith(PREFIX) || id.startsWith(SHARED_PREFIX);
    }

    @Override
    public String currentId() {
        return PREFIX + keyIds.getFirst();
    }

    @Override
    public WrappedDataKey wrap(byte[] dataKey) {
        var key = keyIds.getFirst();
        try {
            var response = client.encrypt(EncryptRequest.builder().keyId(key).encryptionContext(context)
                    .plaintext(SdkBytes.fromByteArray(dataKey)).build());
            return new WrappedDataKey(currentId(), response.ciphertextBlob().asByteArray());
        } catch (SdkException refused) {
            throw new UncheckedIOException(new IOException("KMS did not wrap the data key under '" + key + "': " + reason(refused)));
        }
    }

    @Override
    public byte[] unwrap(WrappedDataKey wrapped) throws IOException {
        if (!holds(wrapped.keyId())) {
            throw new IOException("the WhatsApp key store's data key is wrapped with key '" + wrapped.keyId()
                    + "', which is not a KMS key and is not given in KUBEZAP_KEY_WRAPPING_KEYS");
        }
        var shared = !wrapped.keyId().startsWith(PREFIX);
        var key = wrapped.keyId().substring(shared ? SHARED_PREFIX.length() : PREFIX.length());
        if (!keyIds.contains(key)) {
            throw new IOException("the WhatsApp key store's data key is wrapped with KMS key '" + key
                    + "', which KUBEZAP_KEY_WRAPPING_KMS_KEY does not name (a move from it lists it after the current key)");
        }
        try {
            return client.decrypt(DecryptRequest.builder().keyId(key).encryptionContext(shared ? SHARED_CONTEXT : context)
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
