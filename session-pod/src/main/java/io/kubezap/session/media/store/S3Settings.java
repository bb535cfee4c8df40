package io.kubezap.session.media.store;

import java.net.URI;
import java.time.Duration;

/**
 * Where the S3 store is ({@code spec.media.s3}): {@code endpoint} null for AWS itself; {@code prefix} ends in a slash
 * or is empty.
 */
public record S3Settings(String bucket, String prefix, URI endpoint, String region, boolean pathStyle,
                         String accessKey, String secretKey, boolean serverSideEncryption, Duration presignExpiry) {

    public S3Settings {
        prefix = prefix == null || prefix.isEmpty() || prefix.endsWith("/") ? (prefix == null ? "" : prefix) : prefix + "/";
    }

    @Override
    public String toString() {
        return "S3Settings[bucket=" + bucket + ", prefix=" + prefix + ", endpoint=" + endpoint + ", region=" + region
                + ", pathStyle=" + pathStyle + ", serverSideEncryption=" + serverSideEncryption + "]";
    }
}
