package io.kubezap.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class Storage {

    public static final String DEFAULT_SIZE = "1Gi";

    @JsonPropertyDescription("Size of the key-store volume, as a Kubernetes quantity (e.g. 1Gi).")
    @Default(DEFAULT_SIZE)
    @Pattern("^[0-9]+(\\.[0-9]+)?(Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E)?$")
    private String size;

    @JsonPropertyDescription("StorageClass of the volume. Empty: the cluster's default class.")
    private String storageClassName;

    @JsonPropertyDescription("true: the volume (and with it the WhatsApp credentials) is deleted with the session. false (default): it is kept, so re-creating the session resumes without pairing again.")
    @Default("false")
    private Boolean deleteClaim;

    public String getSize() { return size; }
    public void setSize(String size) { this.size = size; }

    public String getStorageClassName() { return storageClassName; }
    public void setStorageClassName(String storageClassName) { this.storageClassName = storageClassName; }

    public Boolean getDeleteClaim() { return deleteClaim; }
    public void setDeleteClaim(Boolean deleteClaim) { this.deleteClaim = deleteClaim; }

    public String effectiveSize() { return size != null ? size : DEFAULT_SIZE; }

    public boolean deletesClaim() { return Boolean.TRUE.equals(deleteClaim); }
}
