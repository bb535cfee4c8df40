package io.kubezap.gateway.openapi;

import io.kubezap.contract.openapi.ProblemResponses;
import io.kubezap.contract.SessionApi;
import io.quarkus.smallrye.openapi.OpenApiFilter;
import io.smallrye.openapi.api.SmallRyeOpenAPI;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Types the proxied session paths in the gateway's OpenAPI document: the session pod's own document (built into the
 * gateway from {@code docs/openapi/session-pod.json}) under {@code /api/v1/namespaces/{namespace}/sessions/{name}/…}
 * and {@code /api/v1/sessions/{name}/…}, with the pod's schemas, instead of the proxy's untyped {@code {path}}. Runs at
 * build time, so the stored document ({@code quarkus.smallrye-openapi.store-schema-directory}) has them too.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class SessionPathsFilter implements OASFilter {

    static final String POD_DOCUMENT = "/kubezap/session-pod.json";
    private static final String POD_SESSION = SessionApi.SESSION;
    private static final String POD_SESSION_PARAMETER = "session";
    private static final String NAME_PARAMETER = "name";
    private static final String NAMESPACE_PARAMETER = "namespace";

    @Override
    public void filterOpenAPI(OpenAPI gateway) {
        gateway.getPaths().getPathItems().keySet().stream().filter(path -> path.contains("{path}")).toList()
                .forEach(gateway.getPaths()::removePathItem);
        copy(podDocument(), gateway, "/api/v1/namespaces/{namespace}/sessions/{name}", true, "");
        copy(podDocument(), gateway, "/api/v1/sessions/{name}", false, "InDefaultNamespace");
        copySchemas(podDocument(), gateway);
        ProblemResponses.declare(gateway);
    }


    private static void copy(OpenAPI pod, OpenAPI gateway, String base, boolean namespaced, String operationSuffix) {
        pod.getPaths().getPathItems().forEach((path, item) -> {
            if (!path.startsWith(POD_SESSION + "/")) {
                return;
            }
            String gatewayPath = base + path.substring(POD_SESSION.length());
            if (gateway.getPaths().hasPathItem(gatewayPath)) {
                return;
            }
            if (item.getParameters() != null) {
                item.setParameters(item.getParameters().stream().filter(parameter -> !isPodSession(parameter)).toList());
            }
            for (Operation operation : item.getOperations().values()) {
                operation.setParameters(renamed(operation.getParameters(), namespaced));
                operation.setSecurity(null);
                if (operation.getOperationId() != null) {
                    operation.setOperationId(operation.getOperationId() + operationSuffix);
                }
            }
            gateway.getPaths().addPathItem(gatewayPath, item);
        });
    }

    /**
     * The pod's {@code session} path parameter is the gateway's {@code name} (declared whether the pod's document
     * declares it or not); namespaced paths add {@code namespace}.
     */
    private static List<Parameter> renamed(List<Parameter> parameters, boolean addNamespace) {
        List<Parameter> all = new ArrayList<>();
        if (addNamespace) {
            all.add(pathParameter(NAMESPACE_PARAMETER, "The session's namespace"));
        }
        all.add(pathParameter(NAME_PARAMETER, "The session's name"));
        if (parameters != null) {
            parameters.stream().filter(parameter -> !isPodSession(parameter)).forEach(all::add);
        }
        return all;
    }

    private static boolean isPodSession(Parameter parameter) {
        return parameter.getIn() == Parameter.In.PATH && POD_SESSION_PARAMETER.equals(parameter.getName());
    }

    private static Parameter pathParameter(String name, String description) {
        return OASFactory.createParameter().name(name).in(Parameter.In.PATH).required(true).description(description)
                .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING));
    }

    private static void copySchemas(OpenAPI pod, OpenAPI gateway) {
        if (pod.getComponents() == null || pod.getComponents().getSchemas() == null) {
            return;
        }
        if (gateway.getComponents() == null) {
            gateway.setComponents(OASFactory.createComponents());
        }
        Components components = gateway.getComponents();
        for (Map.Entry<String, Schema> schema : pod.getComponents().getSchemas().entrySet()) {
            if (components.getSchemas() == null || !components.getSchemas().containsKey(schema.getKey())) {
                components.addSchema(schema.getKey(), schema.getValue());
            }
        }
    }

    /** A fresh model each time: each copy renames the parameters of its own objects. */
    private static OpenAPI podDocument() {
        return SmallRyeOpenAPI.builder()
                .withCustomStaticFile(SessionPathsFilter::podDocumentStream)
                .enableModelReader(false)
                .enableStandardStaticFiles(false)
                .enableAnnotationScan(false)
                .enableStandardFilter(false)
                .build()
                .model();
    }

    private static InputStream podDocumentStream() {
        InputStream document = SessionPathsFilter.class.getResourceAsStream(POD_DOCUMENT);
        if (document == null) {
            throw new IllegalStateException(POD_DOCUMENT + " is missing: the gateway's build copies docs/openapi/session-pod.json");
        }
        return document;
    }
}
