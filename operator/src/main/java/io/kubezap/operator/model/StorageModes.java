package io.kubezap.operator.model;

import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.kubezap.api.v1alpha1.WhatsAppSession;
import io.kubezap.contract.EngineKind;
import io.kubezap.contract.StorageMode;
import io.kubezap.operator.config.OperatorConfig;

import java.util.Optional;

/**
 * Which {@link StorageMode} a session runs in. A session's StatefulSet, once made, fixes it: its claim templates cannot
 * change, and the key store lives where the mode put it. So a later {@code spec.storage.mode} (the field is immutable
 * once set, a CEL rule; it may still be set after creation to the other mode than the default gave) or a changed
 * operator default leave an existing session as it is, and only the former is reported ({@link #kept}).
 */
public final class StorageModes {

    private StorageModes() {
    }

    /** The spec's mode, else the operator's default; Baileys sessions keep their keys on a volume (a CEL rule says so). */
    static StorageMode wanted(WhatsAppSession session, OperatorConfig.Session settings) {
        var asked = session.getSpec().effectiveStorage().getMode();
        if (asked != null) {
            return asked;
        }
        return session.getSpec().getEngine() == EngineKind.Baileys ? StorageMode.Volume : settings.storageMode();
    }

    /** The existing StatefulSet's mode, else the wanted one. */
    public static StorageMode effective(WhatsAppSession session, OperatorConfig.Session settings, Optional<StatefulSet> existing) {
        return existing.map(StorageModes::of).orElseGet(() -> wanted(session, settings));
    }

    /** A StatefulSet with a claim template keeps its key store on the volume. */
    static StorageMode of(StatefulSet statefulSet) {
        var templates = statefulSet.getSpec() == null ? null : statefulSet.getSpec().getVolumeClaimTemplates();
        return templates == null || templates.isEmpty() ? StorageMode.Database : StorageMode.Volume;
    }

    /**
     * Why the session keeps another mode than its spec sets (condition {@code StorageModeKept}); empty while the spec
     * sets none or the mode it runs in.
     */
    public static Optional<String> kept(WhatsAppSession session, Optional<StatefulSet> existing) {
        var asked = session.getSpec().effectiveStorage().getMode();
        var running = existing.map(StorageModes::of);
        if (asked == null || running.isEmpty() || running.get() == asked) {
            return Optional.empty();
        }
        return Optional.of("spec.storage.mode asks for " + asked + ", but the session runs in " + running.get()
                + " mode since its StatefulSet was made and keeps it: switching an existing session is refused, as its"
                + " key store would have to move while the pod is down and a claim template cannot change. Set "
                + running.get() + " (or unset it), or make a new session in " + asked + " mode");
    }
}
