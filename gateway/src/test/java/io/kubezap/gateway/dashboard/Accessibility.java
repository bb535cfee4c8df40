package io.kubezap.gateway.dashboard;

import org.openqa.selenium.JavascriptExecutor;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Deque's axe-core (the script from its Maven artifact, no network) run in the page as it is: the WCAG 2 A and AA
 * rules, among them form labels, names of buttons and links, colour contrast and document structure.
 */
final class Accessibility {

    private static final String AXE = load();

    private Accessibility() {
    }

    /** The violations on the page now: rule, impact, help and the elements concerned, one line each. */
    @SuppressWarnings("unchecked")
    static List<String> violations(Browser browser) {
        browser.driver().manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        browser.script(AXE);
        Object found = ((JavascriptExecutor) browser.driver()).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})
                   .then(result => done(result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                        nodes: v.nodes.map(n => n.target.join(' ')).join(', ')}))))
                   .catch(error => done([{id: 'axe-failed', impact: 'critical', help: String(error), nodes: ''}]));
                """);
        return ((List<Map<String, Object>>) found).stream()
                .map(v -> v.get("id") + " (" + v.get("impact") + "): " + v.get("help") + " — " + v.get("nodes"))
                .toList();
    }

    private static String load() {
        try (InputStream script = Accessibility.class.getResourceAsStream("/axe.min.js")) {
            if (script == null) {
                throw new IllegalStateException("axe.min.js is not on the test class path (com.deque.html.axe-core:selenium)");
            }
            return new String(script.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
