package io.kubezap.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.kubezap.contract.StorageMode;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class Storage {

    public static final String DEFAULT_SIZE = "1Gi";

    /** CEL transition rule (Kubernetes' quantity library): a volume can grow, never shrink. */
    public static final String SIZE_NEVER_SHRINKS = "quantity(self).compareTo(quantity(oldSelf)) >= 0";
    public static final String CLASS_IMMUTABLE = "self == oldSelf";
    public static final String MODE_IMMUTABLE = "self == oldSelf";

    @JsonPropertyDescription("Where the session keeps what it must not lose. Volume: a ReadWriteOnce volume per session holds the WhatsApp key store (and media unless spec.media.store is S3). Database: PostgreSQL holds the key store, written before what depends on it is acknowledged; the pod gets only an emptyDir cache and no volume, so it starts on any node (keep media in S3: files in the cache are fetched again from WhatsApp while it keeps them). Unset: the operator's default (the chart's session.storage.mode), taken when the session's StatefulSet is made. Cannot be changed once set: an existing session keeps its mode (condition StorageModeKept says so when the spec asks for the other).")
    @ValidationRule(value = MODE_IMMUTABLE, reason = "FieldValueForbidden",
            message = "spec.storage.mode cannot be changed: the session's key store lives where its mode put it; create a new session (its rows can be moved, docs/backup.md) to use the other mode")
    private StorageMode mode;

    @JsonPropertyDescription("Size of the key-store volume, as a Kubernetes quantity (e.g. 1Gi). Can grow (the existing volume is expanded when its StorageClass allows it), never shrink.")
    @Default(DEFAULT_SIZE)
    @Pattern("^[0-9]+(\\.[0-9]+)?(Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E)?$")
    @Size(max = 64)
    @ValidationRule(value = SIZE_NEVER_SHRINKS, reason = "FieldValueForbidden",
            message = "spec.storage.size cannot shrink: a volume can only grow (its StorageClass must allow expansion)")
    private String size;

    @JsonPropertyDescription("StorageClass of the volume. Empty: the cluster's default class. Cannot be changed once set.")
    @ValidationRule(value = CLASS_IMMUTABLE, reason = "FieldValueForbidden",
            message = "spec.storage.storageClassName cannot be changed: the volume already exists in its class")
    @Size(max = 253)
    private String storageClassName;

    @JsonPropertyDescription("true: the volume (and with it the WhatsApp credentials) is deleted with the session. false (default): it is kept, so re-creating the session resumes without pairing again.")
    @Default("false")
    private Boolean deleteClaim;

    @JsonPropertyDescription("The most this session may keep, as a Kubernetes quantity (e.g. 5Gi): its media files plus an estimate of its rows in the shared PostgreSQL. Reached, the session shows condition StorageQuota=False (reason QuotaExceeded) and a Warning Event; incoming media is then not downloaded (the message and its text are stored, the file can be fetched once below the quota) and sending media answers 507; texts go on both ways. Unset: no quota.")
    @Pattern("^[0-9]+(\\.[0-9]+)?(Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E)?$")
    private String quota;

    public StorageMode getMode() { return mode; }
    public void setMode(StorageMode mode) { this.mode = mode; }

    public String getSize() { return size; }
    public void setSize(String size) { this.size = size; }

    public String getStorageClassName() { return storageClassName; }
    public void setStorageClassName(String storageClassName) { this.storageClassName = storageClassName; }

    public Boolean getDeleteClaim() { return deleteClaim; }
    public void setDeleteClaim(Boolean deleteClaim) { this.deleteClaim = deleteClaim; }

    public String getQuota() { return quota; }
    public void setQuota(String quota) { this.quota = quota; }

    public String effectiveSize() { return size != null ? size : DEFAULT_SIZE; }

    public boolean deletesClaim() { return Boolean.TRUE.equals(deleteClaim); }
}
