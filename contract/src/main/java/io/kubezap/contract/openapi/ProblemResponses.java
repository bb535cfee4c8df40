package io.kubezap.contract.openapi;

import io.kubezap.contract.Problem;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * Error answers in the published API documents, as the pod and the gateway answer them: every operation's
 * {@code default} response is a {@link Problem}, so a generated client types its errors; a problem is never listed
 * among an operation's successes (the framework lists every produced media type under 2xx).
 */
public final class ProblemResponses {

    static final String PROBLEM = "Problem";
    static final String FIELD_ERROR = "FieldError";

    private ProblemResponses() {
    }

    public static void declare(OpenAPI document) {
        if (document.getComponents() == null) {
            document.setComponents(OASFactory.createComponents());
        }
        document.getComponents().addSchema(FIELD_ERROR, OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .addProperty("field", string()).addProperty("message", string()));
        document.getComponents().addSchema(PROBLEM, problem());
        document.getPaths().getPathItems().values().forEach(item -> item.getOperations().values().forEach(ProblemResponses::typed));
    }

    private static void typed(Operation operation) {
        if (operation.getResponses() == null) {
            operation.setResponses(OASFactory.createAPIResponses());
        }
        APIResponses responses = operation.getResponses();
        responses.getAPIResponses().forEach((code, response) -> {
            boolean success = code.startsWith("2") || code.startsWith("1");
            if (response.getContent() != null && response.getContent().getMediaType(Problem.MEDIA_TYPE) != null) {
                if (success) {
                    response.getContent().removeMediaType(Problem.MEDIA_TYPE);
                } else {
                    response.getContent().getMediaType(Problem.MEDIA_TYPE).setSchema(reference());
                }
            }
        });
        if (responses.getDefaultValue() == null) {
            responses.setDefaultValue(problemResponse());
        }
    }

    private static APIResponse problemResponse() {
        return OASFactory.createAPIResponse().description("An error, as an RFC 9457 problem")
                .content(OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE,
                        OASFactory.createMediaType().schema(reference())));
    }

    /** RFC 9457, as {@link Problem} answers it. */
    private static Schema problem() {
        return OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .description("An RFC 9457 problem: type " + Problem.TYPE_BASE + "<slug>; errors lists offending fields")
                .addProperty("type", string().format("uri"))
                .addProperty("title", string())
                .addProperty("status", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER).format("int32"))
                .addProperty("detail", string())
                .addProperty("errors", OASFactory.createSchema().addType(Schema.SchemaType.ARRAY)
                        .items(OASFactory.createSchema().ref(FIELD_ERROR)));
    }

    private static Schema reference() {
        return OASFactory.createSchema().ref(PROBLEM);
    }

    private static Schema string() {
        return OASFactory.createSchema().addType(Schema.SchemaType.STRING);
    }
}
