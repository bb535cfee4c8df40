package io.kubezap.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.ValidationRule;
import io.kubezap.contract.MediaStorage;

/** How the session pod keeps media files. Every field is optional: unset, the pod's default applies. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = Media.S3_REQUIRED, message = "media.s3 is required when media.store is S3", reason = "FieldValueRequired")
public class Media {

    static final String S3_REQUIRED = "!has(self.store) || self.store != 'S3' || has(self.s3)";

    public static final String QUANTITY = "^[0-9]+(\\.[0-9]+)?(Ki|Mi|Gi|Ti|k|M|G|T)?$";

    @JsonPropertyDescription("Incoming files up to this size (a Kubernetes quantity) are downloaded when they arrive; larger ones when first requested. Default 16Mi.")
    @Pattern(QUANTITY)
    private String autoDownloadMaxSize;

    @JsonPropertyDescription("How long media files are kept (e.g. 30d, 12h); an older message's media answers 410 Gone. Default 30d. Superseded by spec.retention.media, which wins when set.")
    @Pattern("^[1-9][0-9]{0,4}(m|h|d)$")
    private String retention;

    @JsonPropertyDescription("The most media kept (on the volume, or in the bucket with store S3; a Kubernetes quantity); beyond it the oldest files go first. Default 2Gi; on the volume keep it below spec.storage.size.")
    @Pattern(QUANTITY)
    private String maxStoreSize;

    @JsonPropertyDescription("Deprecated and ignored (condition SpecFieldsIgnored): sends by URL reach only public addresses, plus the private networks and hosts the cluster admin allows in the operator's setting kubezap.session.media-url-allow-list. A tenant cannot open its pod to the cluster's insides (cloud metadata, the kubelet, other tenants' pods).")
    private Boolean allowPrivateUrls;

    @JsonPropertyDescription("Where media files are kept: Volume (default; the session's volume) or S3 (the bucket in media.s3). Changing it moves no file: those kept before are fetched from WhatsApp again on request, while WhatsApp still has them.")
    private MediaStorage.Kind store;

    @JsonPropertyDescription("The S3-compatible bucket of store S3.")
    private S3Store s3;

    public MediaStorage.Kind getStore() { return store; }
    public void setStore(MediaStorage.Kind store) { this.store = store; }

    public S3Store getS3() { return s3; }
    public void setS3(S3Store s3) { this.s3 = s3; }

    public String getAutoDownloadMaxSize() { return autoDownloadMaxSize; }
    public void setAutoDownloadMaxSize(String autoDownloadMaxSize) { this.autoDownloadMaxSize = autoDownloadMaxSize; }

    public String getRetention() { return retention; }
    public void setRetention(String retention) { this.retention = retention; }

    public String getMaxStoreSize() { return maxStoreSize; }
    public void setMaxStoreSize(String maxStoreSize) { this.maxStoreSize = maxStoreSize; }

    public Boolean getAllowPrivateUrls() { return allowPrivateUrls; }
    public void setAllowPrivateUrls(Boolean allowPrivateUrls) { this.allowPrivateUrls = allowPrivateUrls; }
}
