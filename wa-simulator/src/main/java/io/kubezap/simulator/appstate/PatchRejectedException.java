package io.kubezap.simulator.appstate;

/** A companion's app-state patch the server refuses, with the error WhatsApp answers for it. */
public final class PatchRejectedException extends RuntimeException {
    private final int code;
    private final String text;

    PatchRejectedException(int code, String text, String detail) {
        super(detail);
        this.code = code;
        this.text = text;
    }

    public int code() {
        return code;
    }

    public String text() {
        return text;
    }
}
