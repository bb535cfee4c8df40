package io.kubezap.operator.model;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Quantity;
import io.kubezap.api.v1alpha1.WhatsAppSession;
import io.kubezap.api.v1alpha1.WhatsAppSessionSpec;
import io.kubezap.contract.PodSetting;
import io.kubezap.operator.config.OperatorConfig;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The spec path a row of {@link PodSetting} documents ({@link PodSetting#specField()}, shown in the pod's
 * configuration reference) is the field its line in {@link PodSettingValues} reads: a spec written as JSON with a value
 * of its own at that path alone gives the row's variable that value. A path that names no field, or another field than
 * the getter's, fails here.
 */
class PodSettingPathsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What a row needs besides its own field to have a value at all, by the start of its path. */
    private static final Map<String, String> PRECONDITIONS = Map.of(
            "media.s3.", "{\"media\": {\"store\": \"S3\"}}",
            "pairing.phoneNumber", "{\"pairing\": {\"method\": \"PairingCode\"}}");

    /** A row whose path names an object: a value of it, and the variable it gives. */
    record Example(String json, String variable) {
    }

    private static final Map<PodSetting, Example> OBJECTS = Map.of(
            PodSetting.PROXY_URL, new Example("{\"type\": \"HTTP\", \"host\": \"doc.example\", \"port\": 3128}",
                    "http://doc.example:3128"),
            PodSetting.AUTO_REPLY, new Example("{\"timeZone\": \"Doc/Marker\"}", "{\"timeZone\":\"Doc/Marker\"}"));

    static Stream<PodSetting> documented() {
        return Arrays.stream(PodSetting.values()).filter(setting -> setting.specField().isPresent());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("documented")
    void aValueAtTheDocumentedPathIsTheVariablesValue(PodSetting setting) throws Exception {
        String path = setting.specField().orElseThrow();
        ObjectNode spec = JSON.createObjectNode();
        PRECONDITIONS.forEach((prefix, json) -> {
            if (path.startsWith(prefix)) {
                spec.setAll((ObjectNode) read(json));
            }
        });
        JsonNode value = valueFor(setting, type(path));
        put(spec, path, value);

        assertThat(variable(JSON.treeToValue(spec, WhatsAppSessionSpec.class), setting))
                .as("%s with %s = %s", setting.env(), setting.origin(), value).isEqualTo(expected(setting, value));
    }

    /** A value the row's pod default is not, of the field's type, so the variable shows it was read. */
    private static JsonNode valueFor(PodSetting setting, JavaType type) {
        Class<?> raw = type.getRawClass();
        if (raw == String.class) {
            return JSON.getNodeFactory().textNode(setting.rendering() == PodSetting.Rendering.BYTES
                    ? (setting.ordinal() + 1) + "Ki" : "doc-" + setting.name().toLowerCase());
        }
        if (raw == Boolean.class || raw == boolean.class) {
            return JSON.getNodeFactory().booleanNode(!Boolean.parseBoolean(setting.podDefault().orElse("false")));
        }
        if (raw == Integer.class || raw == int.class || raw == Long.class || raw == long.class) {
            return JSON.getNodeFactory().numberNode(1000 + setting.ordinal());
        }
        if (raw.isEnum()) {
            List<String> names = Arrays.stream(raw.getEnumConstants()).map(constant -> ((Enum<?>) constant).name())
                    .filter(name -> !setting.podDefault().orElse("").equals(name)).toList();
            return JSON.getNodeFactory().textNode(names.getLast());
        }
        Example example = OBJECTS.get(setting);
        if (example == null) {
            fail("%s documents spec.%s, an object (%s): give it an Example in OBJECTS", setting, setting.specField().orElseThrow(), type);
        }
        return read(example.json());
    }

    private static String expected(PodSetting setting, JsonNode value) {
        if (OBJECTS.containsKey(setting)) {
            return OBJECTS.get(setting).variable();
        }
        return setting.rendering() == PodSetting.Rendering.BYTES
                ? Quantity.getAmountInBytes(new Quantity(value.asText())).toBigInteger().toString() : value.asText();
    }

    /** The Java type of the field at a path, as the spec's JSON names it; fails on a name the spec does not have. */
    private static JavaType type(String path) {
        JavaType type = JSON.constructType(WhatsAppSessionSpec.class);
        for (String part : path.split("\\.")) {
            JavaType parent = type;
            type = JSON.getDeserializationConfig().introspect(parent).findProperties().stream()
                    .filter(property -> property.getName().equals(part)).findFirst().map(BeanPropertyDefinition::getPrimaryType)
                    .orElseThrow(() -> new AssertionError("spec." + path + ": " + parent.getRawClass().getSimpleName()
                            + " has no field " + part));
        }
        return type;
    }

    private static void put(ObjectNode spec, String path, JsonNode value) {
        String[] parts = path.split("\\.");
        ObjectNode node = spec;
        for (int i = 0; i < parts.length - 1; i++) {
            node = node.has(parts[i]) ? (ObjectNode) node.get(parts[i]) : node.putObject(parts[i]);
        }
        node.set(parts[parts.length - 1], value);
    }

    private static String variable(WhatsAppSessionSpec spec, PodSetting setting) {
        WhatsAppSession session = TestSessions.session("loja-01");
        session.setSpec(spec);
        OperatorConfig config = TestSessions.config(Map.of());
        return SessionPodEnvironment.of(new SessionPodEnvironment.Source(session, config.session(), config.database())).stream()
                .filter(variable -> variable.getName().equals(setting.env())).map(variable -> variable.getValue())
                .findFirst().orElse(null);
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(json, e);
        }
    }
}
