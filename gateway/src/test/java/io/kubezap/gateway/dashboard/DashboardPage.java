package io.kubezap.gateway.dashboard;

import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.net.URL;
import java.util.List;

/** The dashboard as a user finds their way around it: log in, the sessions' rows, a session opened. */
final class DashboardPage {

    private final Browser browser;
    private final URL root;

    DashboardPage(Browser browser, URL root) {
        this.browser = browser;
        this.root = root;
    }

    /** The page, logged in with {@code key} (logged out first when another key was in use). */
    void open(String key) {
        browser.open(root.toString());
        if (browser.find("logout").isDisplayed()) {
            browser.find("logout").click();
        }
        browser.type("login-key", key);
        browser.find("login").submit();
        browser.await("the sessions table", () -> browser.find("app").isDisplayed());
    }

    void openSession(String key, String namespace, String name) {
        open(key);
        browser.await("the row of " + name, () -> row(namespace, name)).findElement(By.className("open")).click();
        browser.await("the session's detail", () -> browser.find("detail-name").getText().equals(namespace + "/" + name));
    }

    WebElement row(String namespace, String name) {
        return browser.driver().findElements(By.cssSelector("#sessions tbody tr")).stream()
                .filter(r -> (namespace + "/" + name).equals(r.getDomAttribute("data-session")))
                .findFirst().orElse(null);
    }

    /** The sessions listed, as {@code namespace/name}. */
    List<String> rows() {
        return browser.driver().findElements(By.cssSelector("#sessions tbody tr")).stream()
                .map(r -> r.getDomAttribute("data-session")).toList();
    }

    String cell(String namespace, String name, String column) {
        return row(namespace, name).findElement(By.className(column)).getText();
    }
}
