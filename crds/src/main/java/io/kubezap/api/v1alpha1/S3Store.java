package io.kubezap.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.kubezap.contract.MediaStorage;

/** An S3-compatible bucket the session keeps its media files in. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class S3Store {

    @JsonPropertyDescription("The bucket; it must exist (the pod does not create it).")
    @Required
    @Pattern("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$")
    private String bucket;

    @JsonPropertyDescription("Object keys start with this (a slash is added), e.g. the namespace and session name, so sessions can share a bucket. Default: none.")
    @Size(max = 512)
    @Pattern("^[^\\s]*$")
    private String prefix;

    @JsonPropertyDescription("The store's URL for S3-compatible stores (MinIO, Ceph RGW, ...), e.g. http://minio.storage:9000; unset: AWS S3 of the region. A private or in-cluster address is reachable only when the cluster admin allows it (operator setting kubezap.session.media-url-allow-list), as for webhooks and event sinks.")
    @Size(max = 1024)
    @Pattern("^https?://[^\\s@/]+(/[^\\s]*)?$")
    private String endpoint;

    @JsonPropertyDescription("The region (default us-east-1).")
    @Pattern("^[a-z0-9-]{1,32}$")
    private String region;

    @JsonPropertyDescription("Address the bucket in the path (endpoint/bucket/key) instead of the host name (bucket.endpoint); most self-hosted stores need true. Default false.")
    private Boolean pathStyle;

    @JsonPropertyDescription("Key of a Secret (labelled kubezap.io/session-secret=true) holding the access key id. Rotating it rolls the pod.")
    @Required
    private SecretKeyRef accessKeyRef;

    @JsonPropertyDescription("Key of a Secret (labelled kubezap.io/session-secret=true) holding the secret access key. Rotating it rolls the pod.")
    @Required
    private SecretKeyRef secretKeyRef;

    @JsonPropertyDescription("AES256: every object is written with server-side encryption by the store's own keys (SSE-S3, header x-amz-server-side-encryption); a store that cannot encrypt refuses the file instead of keeping it in the clear. None (default): nothing is asked (the bucket's default encryption, if any, applies).")
    private MediaStorage.Encryption serverSideEncryption;

    @JsonPropertyDescription("How long a pre-signed URL (GET /messages/{id}/media?redirect=true) is valid, e.g. 5m (default), at most 7d.")
    @Pattern("^[1-9][0-9]{0,4}(s|m|h|d)$")
    private String presignedUrlExpiry;

    public String getBucket() { return bucket; }
    public void setBucket(String bucket) { this.bucket = bucket; }

    public String getPrefix() { return prefix; }
    public void setPrefix(String prefix) { this.prefix = prefix; }

    public String getEndpoint() { return endpoint; }
    public void setEndpoint(String endpoint) { this.endpoint = endpoint; }

    public String getRegion() { return region; }
    public void setRegion(String region) { this.region = region; }

    public Boolean getPathStyle() { return pathStyle; }
    public void setPathStyle(Boolean pathStyle) { this.pathStyle = pathStyle; }

    public SecretKeyRef getAccessKeyRef() { return accessKeyRef; }
    public void setAccessKeyRef(SecretKeyRef accessKeyRef) { this.accessKeyRef = accessKeyRef; }

    public SecretKeyRef getSecretKeyRef() { return secretKeyRef; }
    public void setSecretKeyRef(SecretKeyRef secretKeyRef) { this.secretKeyRef = secretKeyRef; }

    public MediaStorage.Encryption getServerSideEncryption() { return serverSideEncryption; }
    public void setServerSideEncryption(MediaStorage.Encryption serverSideEncryption) { this.serverSideEncryption = serverSideEncryption; }

    public String getPresignedUrlExpiry() { return presignedUrlExpiry; }
    public void setPresignedUrlExpiry(String presignedUrlExpiry) { this.presignedUrlExpiry = presignedUrlExpiry; }
}
