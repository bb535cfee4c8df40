package io.kubezap.session.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** The session's storage quota ({@code KUBEZAP_STORAGE_*}), see {@code media.StorageQuota}. */
public interface QuotaSettings {

    /** KUBEZAP_STORAGE_QUOTA: the most the session keeps, media files plus its rows (spec.storage.quota); unset: none. */
    Optional<MemorySize> quota();

    /** KUBEZAP_STORAGE_QUOTA_CHECK_INTERVAL: how often what the session keeps is measured. */
    @WithDefault("1m")
    Duration quotaCheckInterval();
}
