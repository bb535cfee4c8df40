package io.kubezap.session.api.openapi;

import io.kubezap.contract.openapi.ProblemResponses;
import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.parameters.RequestBody;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a generated client (sdk/) needs from the document beyond the annotations: error answers typed as problems
 * ({@link ProblemResponses}), JSON listed before multipart where an operation takes both, since generators build their method
 * from the first body type they find (the multipart form is for uploads; most callers send JSON), and upload forms
 * named.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class ClientReadyDocument implements OASFilter {

    private static final String JSON = "application/json";
    private static final String MULTIPART = "multipart/form-data";

    @Override
    public void filterOpenAPI(OpenAPI document) {
        ProblemResponses.declare(document);
        document.getPaths().getPathItems().values().forEach(item -> item.getOperations().values().forEach(operation -> {
            jsonFirst(operation.getRequestBody());
            nameForm(document, operation);
            noEmptyAnswerBesideABody(operation);
        }));
    }

    private static void jsonFirst(RequestBody body) {
        if (body == null || body.getContent() == null || body.getContent().getMediaType(JSON) == null) {
            return;
        }
        Map<String, MediaType> ordered = new LinkedHashMap<>();
        ordered.put(JSON, body.getContent().getMediaType(JSON));
        ordered.putAll(body.getContent().getMediaTypes());
        body.getContent().setMediaTypes(ordered);
    }

    /**
     * No "204 No Content" beside a 200 with a body: no resource method answers both. SmallRye's generator added a 204 to
     * {@code listChats} and {@code listChatMessages} in some fresh-clone builds and not in others (CI, twice, even with
     * their 200 declared), so the kept document and the served one differed.
     */
    private static void noEmptyAnswerBesideABody(Operation operation) {
        var responses = operation.getResponses();
        if (responses == null || responses.getAPIResponse("204") == null) {
            return;
        }
        var ok = responses.getAPIResponse("200");
        if (ok != null && ok.getContent() != null && !ok.getContent().getMediaTypes().isEmpty()) {
            responses.removeAPIResponse("204");
        }
    }

    /**
     * An upload form's fields as a named schema ({@code <operationId>Form}): left inline, generators invent a model
     * name for it that clashes with their own names for the operation's parameters.
     */
    private static void nameForm(OpenAPI document, Operation operation) {
        RequestBody body = operation.getRequestBody();
        MediaType form = body == null || body.getContent() == null ? null : body.getContent().getMediaType(MULTIPART);
        if (form == null || form.getSchema() == null || form.getSchema().getRef() != null || operation.getOperationId() == null) {
            return;
        }
        String name = Character.toUpperCase(operation.getOperationId().charAt(0)) + operation.getOperationId().substring(1) + "Form";
        document.getComponents().addSchema(name, form.getSchema());
        form.setSchema(OASFactory.createSchema().ref(name));
    }

}
