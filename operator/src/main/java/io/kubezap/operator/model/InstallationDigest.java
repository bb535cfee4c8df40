package io.kubezap.operator.model;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.kubezap.operator.config.OperatorConfig;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A digest of the installation's settings for sessions ({@code kubezap.session.*}: images, allow- and deny-lists, KMS
 * key, database quota, pod template defaults, …), stamped on each session's StatefulSet: a StatefulSet stamped with
 * another digest was made under settings the admin has since changed, which a tenant's pause does not hold back
 * ({@code pause.ReconciliationPause}, issue 79 S10).
 */
public final class InstallationDigest {

    public static final String ANNOTATION = "kubezap.io/installation-digest";

    private InstallationDigest() {
    }

    /**
     * Every setting of {@code kubezap.session.*}, read by reflection so that a setting added later counts without a
     * line here: each is the admin's, none the tenant's.
     */
    public static String of(OperatorConfig.Session settings) {
        return PodTemplateHash.digest(Arrays.stream(OperatorConfig.Session.class.getMethods())
                .filter(method -> method.getParameterCount() == 0)
                .sorted(Comparator.comparing(Method::getName))
                .map(method -> method.getName() + "=" + value(method, settings))
                .collect(Collectors.joining("\n")));
    }

    /** The digest {@code object} was stamped with; empty when it has none (made before the stamp existed). */
    public static Optional<String> stampedOn(HasMetadata object) {
        Map<String, String> annotations = object.getMetadata().getAnnotations();
        return Optional.ofNullable(annotations == null ? null : annotations.get(ANNOTATION));
    }

    private static String value(Method setting, OperatorConfig.Session settings) {
        try {
            return Objects.toString(setting.invoke(settings));
        } catch (IllegalAccessException | InvocationTargetException unreadable) {
            throw new IllegalStateException("setting kubezap.session." + setting.getName() + " unreadable", unreadable);
        }
    }
}
