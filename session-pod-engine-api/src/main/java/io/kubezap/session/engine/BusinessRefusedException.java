package io.kubezap.session.engine;

/** WhatsApp refused a business request with its code: 404 no such catalog (a personal account), 403 not a business. */
public class BusinessRefusedException extends RuntimeException {
    private final int code;

    public BusinessRefusedException(int code, String message) {
        super(message);
        this.code = code;
    }

    public int code() {
        return code;
    }
}
