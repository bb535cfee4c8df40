package io.kubezap.session.testing;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** Requests to this pod's session API, authenticated as a client would be. */
public final class Api {

    public static final String KEY = "test-api-key-0123456789";
    public static final String SESSION = "/api/v1/sessions/loja-01";

    private Api() {
    }

    public static RequestSpecification authorized() {
        return RestAssured.given().header("X-Api-Key", KEY).contentType(ContentType.JSON);
    }

    public static RequestSpecification anonymous() {
        return RestAssured.given().contentType(ContentType.JSON);
    }
}
