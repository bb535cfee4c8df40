package io.kubezap.session.engine;

/**
 * The session's engine cannot do this at all (not a failure of WhatsApp): the API answers 501 {@code engine-unsupported}
 * ({@link EngineCalls#unsupported}). Which engine supports what is the session pod README's engine table.
 */
public final class UnsupportedByEngine extends UnsupportedOperationException {

    public UnsupportedByEngine(String engine, String capability) {
        super(capability + " is not supported by the " + engine + " engine (spec.engine); the Cobalt engine supports it");
    }

    /** {@code why}: the reason this engine cannot, and what can (the pod README's engine table says the same). */
    public UnsupportedByEngine(String engine, String capability, String why) {
        super(capability + " is not supported by the " + engine + " engine (spec.engine): " + why);
    }
}
