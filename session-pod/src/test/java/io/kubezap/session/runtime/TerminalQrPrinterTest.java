package io.kubezap.session.runtime;

import io.kubezap.session.engine.EngineEvent;
import io.kubezap.session.qr.QrRenderer;
import io.kubezap.contract.SessionState;
import io.kubezap.session.state.SessionStateChanged;
import io.kubezap.session.state.SessionTransitions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class TerminalQrPrinterTest {

    private final ByteArrayOutputStream terminal = new ByteArrayOutputStream();
    private PrintStream original;

    @BeforeEach
    void captureTerminal() {
        original = System.out;
        System.setOut(new PrintStream(terminal, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreTerminal() {
        System.setOut(original);
    }

    @Test
    void localModePrintsEachNewQrOnceAndThePhase() {
        TerminalQrPrinter printer = new TerminalQrPrinter(true);
        SessionState start = SessionState.starting("local", "default");
        SessionState withQr = next(start, new EngineEvent.QrIssued("2@first-ref,a,b,c,1", Instant.now().plusSeconds(60)));

        printer.onStateChanged(new SessionStateChanged(start, withQr));
        printer.onStateChanged(new SessionStateChanged(withQr, withQr));

        String printed = terminal.toString(StandardCharsets.UTF_8);
        assertThat(printed).containsOnlyOnce(QrRenderer.terminal("https://wa.me/settings/linked_devices#2@first-ref,a,b,c,1"));
        assertThat(printed).contains("Session local: WaitingForQR");
    }

    @Test
    void inKubernetesNothingIsPrinted() {
        TerminalQrPrinter printer = new TerminalQrPrinter(false);
        SessionState start = SessionState.starting("loja-01", "shop");
        printer.onStateChanged(new SessionStateChanged(start,
                next(start, new EngineEvent.QrIssued("2@ref,a,b,c,1", Instant.now().plusSeconds(60)))));
        assertThat(terminal.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    private static SessionState next(SessionState state, EngineEvent event) {
        return SessionTransitions.apply(state, event, Instant.now()).next();
    }
}
