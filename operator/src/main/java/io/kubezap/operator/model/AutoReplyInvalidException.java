package io.kubezap.operator.model;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.kubezap.automation.autoreply.AutoReplySettings;
import io.kubezap.contract.PodSetting;
import io.kubezap.operator.events.Reason;
import io.kubezap.operator.events.ReasonedFailure;

import java.util.List;

/**
 * {@code spec.autoReply} the pod could not run: a rule's {@code when} that is not a boolean CEL expression, a time zone
 * that does not exist, hours the pod cannot read. What the CRD cannot check (CEL inside a string, the IANA zones) is
 * checked here by the pod's own reader ({@link AutoReplySettings#parse}) over the very value the pod would get, before
 * any pod gets it: no StatefulSet is created or changed (a running pod keeps its rules), and the session shows condition
 * Ready=False and a Warning Event with reason {@link Reason#AutoReplyInvalid} naming the field, until it is fixed.
 */
public class AutoReplyInvalidException extends RuntimeException implements ReasonedFailure {

    private AutoReplyInvalidException(String problem) {
        super(problem + "; no pod gets these rules until they are fixed (a running pod keeps its current ones)");
    }

    /** Throws when the pod's environment carries automatic replies the pod would refuse to start with. */
    static void refuseInvalid(List<EnvVar> env) {
        env.stream().filter(variable -> PodSetting.AUTO_REPLY.env().equals(variable.getName()) && variable.getValue() != null)
                .forEach(variable -> {
                    try {
                        AutoReplySettings.parse(variable.getValue());
                    } catch (IllegalArgumentException invalid) {
                        throw new AutoReplyInvalidException(invalid.getMessage());
                    }
                });
    }

    @Override
    public Reason reason() {
        return Reason.AutoReplyInvalid;
    }
}
