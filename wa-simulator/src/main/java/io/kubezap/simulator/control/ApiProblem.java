package io.kubezap.simulator.control;

/** An error answer, shaped as RFC 9457 {@code application/problem+json}. */
record ApiProblem(String type, String title, int status, String detail) {
    static ApiProblem of(int status, String title, String detail) {
        return new ApiProblem("https://kubezap.io/problems/wa-simulator/" + title.toLowerCase().replace(' ', '-'), title, status, detail);
    }
}
