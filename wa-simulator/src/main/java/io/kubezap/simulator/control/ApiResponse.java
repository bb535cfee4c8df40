package io.kubezap.simulator.control;

/** A status code and a body to serialise as JSON, or {@link Raw} bytes sent as they are. */
record ApiResponse(int status, Object body) {
    record Raw(String contentType, byte[] data) {
    }

    static ApiResponse ok(Object body) {
        return new ApiResponse(200, body);
    }

    static ApiResponse created(Object body) {
        return new ApiResponse(201, body);
    }

    static ApiResponse accepted(Object body) {
        return new ApiResponse(202, body);
    }
}
