package io.kubezap.simulator.control;

/** A status code and a body to serialise as JSON. */
record ApiResponse(int status, Object body) {
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
