package io.kubezap.operator.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.kubezap.api.v1alpha1.SecretKeyRef;
import io.kubezap.api.v1alpha1.WhatsAppSession;
import io.kubezap.api.v1alpha1.WhatsAppSessionSpec;
import io.kubezap.contract.PodSetting;
import io.kubezap.contract.StorageMode;
import io.kubezap.contract.host.HostObjectNames;
import io.kubezap.operator.config.OperatorConfig;

import java.util.List;
import java.util.Optional;

/**
 * The session pod's environment: each row of the settings table {@link PodSetting} the operator sets becomes one
 * variable, in the table's order, with the value {@link PodSettingValues} gives it, written as the row says (a Secret's
 * key by reference, sizes as plain bytes, an object as JSON). A row without a value sets nothing, so the pod's own
 * default holds. The pod template hash is taken over the result: reordering the table would roll every session pod.
 */
final class SessionPodEnvironment {

    /** Where the pod keeps its WhatsApp key store: the session's volume is mounted there. */
    static final String DATA_DIR = "/var/lib/kubezap";
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * What the values are read from: a session's pod, or a namespace's session host, which has no session of its own
     * and is asked only for the rows it takes from its environment ({@link PodSetting#hostSet()}).
     */
    record Source(WhatsAppSession session, String namespace, OperatorConfig.Session settings,
                  OperatorConfig.Database database, StorageMode storageMode, Pool pool) {

        /** A session's pod: it logs in with its own database Secret. */
        Source(WhatsAppSession session, OperatorConfig.Session settings, OperatorConfig.Database database,
               StorageMode storageMode) {
            this(session, session.getMetadata().getNamespace(), settings, database, storageMode,
                    new Pool(SessionObjects.databaseSecretName(session), settings.databasePoolMax()));
        }

        /** A session whose StatefulSet is still to be made: the mode its spec or the operator's default gives. */
        Source(WhatsAppSession session, OperatorConfig.Session settings, OperatorConfig.Database database) {
            this(session, settings, database, StorageModes.wanted(session, settings));
        }

        /** A namespace's host: one pool for its sessions, from the namespace's pool Secret; keys in PostgreSQL. */
        static Source host(String namespace, OperatorConfig config) {
            return new Source(null, namespace, config.session(), config.database(), StorageMode.Database,
                    new Pool(HostObjectNames.POOL_SECRET, Optional.of(config.host().databasePoolMax())));
        }

        /** The session's spec; none for a host, whose rows read no spec. */
        WhatsAppSessionSpec spec() {
            return session == null ? null : session.getSpec();
        }
    }

    /** The connection pool a process opens: the Secret it logs in with, and its most connections (unset: the pod's). */
    record Pool(String secret, Optional<Integer> max) {
    }

    private SessionPodEnvironment() {
    }

    /** The container's environment: every row that has a value, in the table's order. */
    static List<EnvVar> of(Source source) {
        return of(PodSetting.operatorSet(), source);
    }

    /** A session host's environment: the rows it takes from its own ({@link PodSetting#hostSet()}), in the table's order. */
    static List<EnvVar> host(Source host) {
        return of(PodSetting.hostSet(), host);
    }

    private static List<EnvVar> of(List<PodSetting> rows, Source source) {
        return rows.stream().flatMap(setting -> variable(setting, PodSettingValues.of(setting, source)).stream()).toList();
    }

    /** Every variable the table can set, in its order. */
    static List<String> names() {
        return PodSetting.operatorSet().stream().map(PodSetting::env).toList();
    }

    /** The row's value written as the row says; none while it has no value (or names no Secret). */
    private static Optional<EnvVar> variable(PodSetting setting, Object value) {
        if (value == null) {
            return Optional.empty();
        }
        if ((value instanceof SecretKeyRef) != (setting.rendering() == PodSetting.Rendering.SECRET_KEY)) {
            throw new IllegalStateException(setting + " is written as " + setting.rendering() + " but its value is a "
                    + value.getClass().getSimpleName());
        }
        if (value instanceof SecretKeyRef ref) {
            return Optional.ofNullable(ref.getName()).map(secret -> new EnvVarBuilder().withName(setting.env())
                    .withNewValueFrom().withNewSecretKeyRef().withName(secret).withKey(ref.getKey()).endSecretKeyRef().endValueFrom()
                    .build());
        }
        String text = switch (setting.rendering()) {
            case BYTES -> Quantity.getAmountInBytes(new Quantity(value.toString())).toBigInteger().toString();
            case JSON -> JSON.valueToTree(value).toString();
            default -> value instanceof Enum<?> name ? name.name() : value.toString();
        };
        return Optional.of(new EnvVarBuilder().withName(setting.env()).withValue(text).build());
    }
}
