package io.kubezap.session.api.openapi;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ClientReadyDocumentTest {

    @Test
    void aPageThatAnswersWithABodyIsNotDocumentedAsAnsweringEmpty() {
        var page = operation("listChats", withBody(OASFactory.createAPIResponses()).addAPIResponse("204", noContent()));
        var document = document(page, "/api/v1/sessions/{session}/chats");

        new ClientReadyDocument().filterOpenAPI(document);

        assertThat(page.getResponses().getAPIResponses()).containsKey("200").doesNotContainKey("204");
    }

    @Test
    void anOperationThatAnswersOnlyEmptyKeepsIts204() {
        var empty = operation("clear", OASFactory.createAPIResponses().addAPIResponse("204", noContent()));
        var document = document(empty, "/api/v1/sessions/{session}/things");

        new ClientReadyDocument().filterOpenAPI(document);

        assertThat(empty.getResponses().getAPIResponses()).containsKey("204");
    }

    private static Operation operation(String id, APIResponses responses) {
        return OASFactory.createOperation().operationId(id).responses(responses);
    }

    private static APIResponses withBody(APIResponses responses) {
        var json = OASFactory.createMediaType().schema(OASFactory.createSchema().ref("ChatPage"));
        return responses.addAPIResponse("200", OASFactory.createAPIResponse().description("OK")
                .content(OASFactory.createContent().addMediaType("application/json", json)));
    }

    private static org.eclipse.microprofile.openapi.models.responses.APIResponse noContent() {
        return OASFactory.createAPIResponse().description("No Content");
    }

    private static OpenAPI document(Operation operation, String path) {
        return OASFactory.createOpenAPI().components(OASFactory.createComponents())
                .paths(OASFactory.createPaths().addPathItem(path, OASFactory.createPathItem().GET(operation)));
    }
}
