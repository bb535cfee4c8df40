package io.kubezap.session.engine.cobalt;

import io.kubezap.session.keystore.sealing.WrappedDataKey;
import io.kubezap.session.keystore.sealing.WrappingKeys;
import io.kubezap.session.testing.LocalKms;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.DecryptRequest;
import software.amazon.awssdk.services.kms.model.EncryptRequest;

import java.util.Map;

/**
 * KMS wrapping as releases before issue 79 S7 did it, to make the key stores they left: every data key under one
 * encryption context, whatever its session, and a key id in the blob of {@code kms:<key>}.
 */
final class FormerKmsWrapping implements WrappingKeys {

    private static final Map<String, String> SHARED_CONTEXT = Map.of("kubezap", "key-store-data-key");

    private final KmsClient client;
    private final String keyId;

    FormerKmsWrapping(LocalKms kms) {
        this.client = KmsClient.builder().httpClient(UrlConnectionHttpClient.create()).region(Region.EU_WEST_1)
                .endpointOverride(kms.endpoint()).build();
        this.keyId = kms.aliasArn;
    }

    @Override
    public String currentId() {
        return "kms:" + keyId;
    }

    @Override
    public WrappedDataKey wrap(byte[] dataKey) {
        return new WrappedDataKey(currentId(), client.encrypt(EncryptRequest.builder().keyId(keyId)
                .encryptionContext(SHARED_CONTEXT).plaintext(SdkBytes.fromByteArray(dataKey)).build()).ciphertextBlob().asByteArray());
    }

    @Override
    public byte[] unwrap(WrappedDataKey wrapped) {
        return client.decrypt(DecryptRequest.builder().keyId(keyId).encryptionContext(SHARED_CONTEXT)
                .ciphertextBlob(SdkBytes.fromByteArray(wrapped.wrapped())).build()).plaintext().asByteArray();
    }

    @Override
    public boolean holds(String keyId) {
        return keyId.startsWith("kms:");
    }
}
