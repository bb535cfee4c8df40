package io.kubezap.gateway.dashboard;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubezap.gateway.Sessions;
import io.quarkus.test.common.http.TestHTTPResource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

import java.net.URL;
import java.nio.file.Path;

/**
 * What every dashboard test class has: one headless Chromium for the class (skipped, saying why, without the
 * distribution's packages), the mock API server's client, and the page, with the admin key in place.
 */
abstract class InBrowser {

    static Browser browser;

    @Inject
    KubernetesClient client;

    @TestHTTPResource("/")
    URL root;

    Sessions sessions;
    DashboardPage page;

    @BeforeAll
    static void startBrowser() {
        Path[] installed = Browser.installed().orElse(null);
        Assumptions.assumeTrue(installed != null, "No chromium and chromedriver in /usr/bin: install Debian's "
                + "chromium and chromium-driver packages (.ci/run does) to test the dashboard in a browser");
        browser = Browser.start(installed);
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.close();
            browser = null;
        }
    }

    @BeforeEach
    void openThePage() {
        sessions = new Sessions(client);
        sessions.actAsAdmin();
        page = new DashboardPage(browser, root);
    }
}
