package io.kubezap.operator.resources;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.kubezap.api.v1alpha1.Calls;
import io.kubezap.api.v1alpha1.Presence;
import io.kubezap.contract.PodEnvironment;

import java.util.ArrayList;
import java.util.List;

/** {@code spec.calls} and {@code spec.presence} (how the session meets its contacts) as the pod's environment: only what is set. */
final class ContactEnvironment {

    private ContactEnvironment() {
    }

    static List<EnvVar> of(Presence presence) {
        return presence == null || presence.getMarkOnlineOnConnect() == null ? List.of()
                : List.of(new EnvVar(PodEnvironment.PRESENCE_MARK_ONLINE_ON_CONNECT, presence.getMarkOnlineOnConnect().toString(), null));
    }

    static List<EnvVar> of(Calls calls) {
        List<EnvVar> env = new ArrayList<>();
        if (calls == null || calls.getAutoReject() == null) {
            return env;
        }
        Calls.AutoReject autoReject = calls.getAutoReject();
        if (autoReject.getEnabled() != null) {
            env.add(new EnvVar(PodEnvironment.CALLS_AUTO_REJECT, autoReject.getEnabled().toString(), null));
        }
        if (autoReject.getMessage() != null && !autoReject.getMessage().isBlank()) {
            env.add(new EnvVar(PodEnvironment.CALLS_AUTO_REJECT_MESSAGE, autoReject.getMessage(), null));
        }
        return env;
    }
}
