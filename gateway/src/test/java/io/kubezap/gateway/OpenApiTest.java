package io.kubezap.gateway;

import io.quarkus.test.common.http.TestHTTPResourceManager;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.restassured.RestAssured;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.notNullValue;

/** The gateway describes its API at /q/openapi, readable without a key; the health endpoints are open too. */
@QuarkusTest
@WithKubernetesTestServer
@WithTestResource(SessionPodStandIn.class)
class OpenApiTest {

    @BeforeEach
    void noCredentials() {
        RestAssured.requestSpecification = null;
    }

    @Test
    void theOpenApiDocumentListsTheSessionEndpointsAndTheKeyScheme() {
        given().queryParam("format", "json").get("/q/openapi")
                .then().statusCode(200)
                .body("paths", hasKey("/api/v1/sessions"))
                .body("paths", hasKey("/api/v1/namespaces/{namespace}/sessions/{name}"))
                .body("paths.'/api/v1/sessions'.post", notNullValue())
                .body("paths.'/api/v1/namespaces/{namespace}/sessions/{name}'.patch", notNullValue())
                .body("paths", hasKey("/api/v1/events/stream"))
                .body("paths", hasKey("/api/v1/events/ws"))
                .body("paths", hasKey("/api/v1/namespaces/{namespace}/sessions/{name}/messages"))
                .body("paths", hasKey("/api/v1/sessions/{name}/messages"))
                .body("paths.'/api/v1/tokens'.post", notNullValue())
                .body("paths.'/api/v1/stats'.get", notNullValue())
                .body("components.securitySchemes.ApiKey.name", org.hamcrest.Matchers.equalTo("X-Api-Key"))
                .body("security[0]", hasKey("ApiKey"))
                .body("paths.'/api/v1/stats'.get.responses.default.content.'application/problem+json'.schema.'$ref'",
                        org.hamcrest.Matchers.equalTo("#/components/schemas/Problem"));
    }

    @Test
    void theProxiedSessionPathsAreTypedWithThePodsSchemas() {
        given().queryParam("format", "json").get("/q/openapi")
                .then().statusCode(200)
                .body("paths", org.hamcrest.Matchers.not(hasKey("/api/v1/namespaces/{namespace}/sessions/{name}/{path}")))
                .body("paths.'/api/v1/namespaces/{namespace}/sessions/{name}/messages'.post.parameters.name",
                        org.hamcrest.Matchers.hasItems("namespace", "name"))
                .body("paths.'/api/v1/sessions/{name}/messages'.post", notNullValue())
                .body("components.schemas", hasKey("Call"));
    }

    @Test
    void healthIsOpen() {
        given().get(TestHTTPResourceManager.getManagementUri() + "/health/ready").then().statusCode(200);
    }
}
