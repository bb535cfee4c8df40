package io.kubezap.gateway.dashboard;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;

/** The dashboard as a hostile page would use it: framed (clickjacking Suspend/Delete) or running injected script. */
@QuarkusTest
@WithKubernetesTestServer
class DashboardHeadersTest {

    @Test
    void theDashboardCannotBeFramedNorRunAnyScriptButItsOwn() {
        for (String path : List.of("/", "/index.html", "/dashboard.js")) {
            given().get(path).then().statusCode(200)
                    .header("X-Frame-Options", "DENY")
                    .header("X-Content-Type-Options", "nosniff")
                    .header("Content-Security-Policy", allOf(containsString("frame-ancestors 'none'"),
                            containsString("script-src 'self'"), containsString("default-src 'none'")));
        }
    }

    @Test
    void noAnswerOfTheGatewayMayBeFramed() {
        given().get("/q/openapi").then().header("X-Frame-Options", "DENY").header("X-Content-Type-Options", "nosniff");
    }
}
