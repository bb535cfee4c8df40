package io.kubezap.session.media.store;

import io.kubezap.session.config.AdminEgressLists;
import io.kubezap.contract.MediaStorage;
import io.kubezap.contract.PodEnvironment;
import io.kubezap.session.config.SessionConfig;
import io.kubezap.session.egress.AddressList;
import io.kubezap.session.egress.EgressRule;
import io.kubezap.session.host.HostedSessions;
import io.quarkus.runtime.Startup;
import io.quarkus.runtime.configuration.ConfigurationException;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.net.InetAddress;
import java.net.URI;

/**
 * The media store {@code KUBEZAP_MEDIA_STORE} names, made at start-up so that a wrong setting, or an S3 endpoint the
 * egress rule refuses, stops the pod with one line instead of failing every file later.
 * <p>
 * The endpoint is the tenant's to write, so it passes the egress rule of webhooks and sinks: public addresses, or
 * private ones the cluster admin allows ({@code KUBEZAP_MEDIA_URL_ALLOW_LIST} — an in-cluster MinIO), never what
 * {@code KUBEZAP_WEBHOOK_DENY_LIST} names. Checked once, at start (the SDK resolves the name itself afterwards).
 */
public class MediaObjectsProducer {

    @Produces
    @Singleton
    @Startup
    MediaObjects mediaObjects(SessionConfig config, HostedSessions sessions, AdminEgressLists admin) {
        MediaStorage.Kind store = oneOf(MediaStorage.Kind.values(), config.media().store(), PodEnvironment.MEDIA_STORE);
        if (store == MediaStorage.Kind.Volume) {
            // each session's files on its own data directory, the one of the session the running code names
            return new VolumeObjects(() -> sessions.currentSettings().dataDir().resolve("media"));
        }
        S3Settings settings = s3Settings(config.media().s3());
        EgressRule egress = new EgressRule(
                AddressList.of(PodEnvironment.MEDIA_URL_ALLOW_LIST, admin.mediaUrlAllowList()),
                AddressList.of(PodEnvironment.WEBHOOK_DENY_LIST, admin.webhookDenyList()),
                PodEnvironment.WEBHOOK_DENY_LIST, InetAddress::getAllByName);
        return s3(settings, egress);
    }

    /** The S3 store, once the egress rule allows its endpoint. */
    static S3Objects s3(S3Settings settings, EgressRule egress) {
        if (settings.endpoint() != null) {
            EgressRule.Target target = egress.check(settings.endpoint());
            if (!target.allowed()) {
                throw invalid(PodEnvironment.MEDIA_S3_ENDPOINT, "may not be reached: " + target.refusal());
            }
        }
        return S3Objects.connect(settings);
    }

    void close(@Disposes MediaObjects objects) throws Exception {
        if (objects instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }

    static S3Settings s3Settings(SessionConfig.Media.S3 s3) {
        String bucket = required(s3.bucket().orElse(""), PodEnvironment.MEDIA_S3_BUCKET);
        String accessKey = required(s3.accessKey().orElse(""), PodEnvironment.MEDIA_S3_ACCESS_KEY);
        String secretKey = required(s3.secretKey().orElse(""), PodEnvironment.MEDIA_S3_SECRET_KEY);
        URI endpoint = s3.endpoint().map(String::trim).filter(e -> !e.isEmpty()).map(MediaObjectsProducer::endpoint).orElse(null);
        MediaStorage.Encryption sse = oneOf(MediaStorage.Encryption.values(), s3.serverSideEncryption(),
                PodEnvironment.MEDIA_S3_SERVER_SIDE_ENCRYPTION);
        return new S3Settings(bucket, s3.prefix().orElse("").trim(), endpoint, s3.region().trim(), s3.pathStyle(),
                accessKey, secretKey, sse == MediaStorage.Encryption.AES256, s3.presignExpiry());
    }

    private static <E extends Enum<E>> E oneOf(E[] values, String raw, String variable) {
        return java.util.Arrays.stream(values).filter(v -> v.name().equalsIgnoreCase(raw.trim())).findFirst()
                .orElseThrow(() -> invalid(variable, "must be one of " + java.util.Arrays.toString(values) + ", got '" + raw + "'"));
    }

    private static URI endpoint(String raw) {
        try {
            URI url = URI.create(raw);
            if (("https".equals(url.getScheme()) || "http".equals(url.getScheme())) && url.getHost() != null) {
                return url;
            }
        } catch (IllegalArgumentException malformed) {
            // refused below
        }
        throw invalid(PodEnvironment.MEDIA_S3_ENDPOINT, "must be an http(s) URL, got '" + raw + "'");
    }

    private static String required(String value, String variable) {
        if (value.isBlank()) {
            throw invalid(variable, "is required when " + PodEnvironment.MEDIA_STORE + " is S3");
        }
        return value.trim();
    }

    private static ConfigurationException invalid(String variable, String problem) {
        return new ConfigurationException(variable + " " + problem);
    }
}
