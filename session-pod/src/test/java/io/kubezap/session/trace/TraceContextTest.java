package io.kubezap.session.trace;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What a caller's W3C headers become: kept when well formed, ignored otherwise (as the specification asks). */
class TraceContextTest {

    private static final String PARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    @Test
    void aWellFormedTraceparentIsKeptWithItsTracestate() {
        assertThat(TraceContext.fromHeaders(PARENT, "congo=t61rcWkgMzE")).contains(new TraceContext(PARENT, "congo=t61rcWkgMzE"));
        assertThat(TraceContext.fromHeaders(PARENT, null).orElseThrow().traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(TraceContext.fromHeaders(PARENT, " ").orElseThrow().tracestate()).isNull();
    }

    @Test
    void aMalformedOrAllZeroTraceparentIsIgnored() {
        assertThat(TraceContext.fromHeaders(null, "congo=1")).isEmpty();
        assertThat(TraceContext.fromHeaders("", null)).isEmpty();
        assertThat(TraceContext.fromHeaders("00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01", null)).as("upper case").isEmpty();
        assertThat(TraceContext.fromHeaders("00-00000000000000000000000000000000-00f067aa0ba902b7-01", null)).isEmpty();
        assertThat(TraceContext.fromHeaders("00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01", null)).isEmpty();
        assertThat(TraceContext.fromHeaders("ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", null)).isEmpty();
        assertThat(TraceContext.fromHeaders(PARENT + "-extra", null)).as("version 00 has exactly four fields").isEmpty();
        assertThat(TraceContext.fromHeaders("01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-later", null))
                .as("a later version may add fields").isPresent();
    }

    @Test
    void anOverlongTracestateIsDroppedButTheTraceKept() {
        assertThat(TraceContext.fromHeaders(PARENT, "a=" + "x".repeat(600)).orElseThrow().tracestate()).isNull();
    }
}
