package io.kubezap.operator.resources;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Quantity;
import io.kubezap.api.v1alpha1.Media;
import io.kubezap.contract.PodEnvironment;

import java.util.ArrayList;
import java.util.List;

/** {@code spec.media} as the pod's environment: only what is set, sizes as plain bytes (the pod does not read quantities). */
final class MediaEnvironment {

    private MediaEnvironment() {
    }

    static List<EnvVar> of(Media media) {
        List<EnvVar> env = new ArrayList<>();
        if (media == null) {
            return env;
        }
        if (media.getAutoDownloadMaxSize() != null) {
            env.add(new EnvVar(PodEnvironment.MEDIA_AUTO_DOWNLOAD_MAX, bytes(media.getAutoDownloadMaxSize()), null));
        }
        if (media.getRetention() != null) {
            env.add(new EnvVar(PodEnvironment.MEDIA_RETENTION, media.getRetention(), null));
        }
        if (media.getMaxStoreSize() != null) {
            env.add(new EnvVar(PodEnvironment.MEDIA_STORE_MAX, bytes(media.getMaxStoreSize()), null));
        }
        if (media.getAllowPrivateUrls() != null) {
            env.add(new EnvVar(PodEnvironment.MEDIA_ALLOW_PRIVATE_URLS, media.getAllowPrivateUrls().toString(), null));
        }
        return env;
    }

    private static String bytes(String quantity) {
        return Quantity.getAmountInBytes(new Quantity(quantity)).toBigInteger().toString();
    }
}
