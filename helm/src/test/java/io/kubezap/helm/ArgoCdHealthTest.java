package io.kubezap.helm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.lib.jse.JsePlatform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Argo CD health check (argocd/kubezap.io/WhatsAppSession/health.lua) run by a Lua interpreter on every case of
 * its health_test.yaml, as Argo CD's own test of resource customizations does: the resource as {@code obj}, the
 * returned table's status and message compared.
 */
class ArgoCdHealthTest {

    private static final Path CHECK = Path.of("..", "argocd", "kubezap.io", "WhatsAppSession");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    record Case(String input, String status, String message) {
        @Override
        public String toString() {
            return input + " -> " + status;
        }
    }

    static List<Case> cases() throws IOException {
        JsonNode tests = YAML.readTree(CHECK.resolve("health_test.yaml").toFile()).path("tests");
        return StreamSupport.stream(tests.spliterator(), false)
                .map(test -> new Case(test.path("inputPath").asText(), test.path("healthStatus").path("status").asText(),
                        test.path("healthStatus").path("message").asText()))
                .toList();
    }

    /** The time health_test.yaml's cases are written against (2026-01-01T12:00:00Z). */
    private static final long NOW = 1_767_268_800L;

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theHealthCheckAnswersWhatArgoCdShouldShow(Case test) throws IOException {
        Globals lua = JsePlatform.standardGlobals();
        pinClock(lua);
        lua.set("obj", toLua(YAML.readTree(CHECK.resolve(test.input()).toFile())));

        LuaValue health = lua.load(Files.readString(CHECK.resolve("health.lua")), "health.lua").call();

        assertThat(health.get("status").tojstring()).isEqualTo(test.status());
        assertThat(health.get("message").tojstring()).isEqualTo(test.message());
    }

    @org.junit.jupiter.api.Test
    void thePinnedClockIsTheCasesNowAndTheRestOfOsTimeStays() {
        Globals lua = JsePlatform.standardGlobals();
        pinClock(lua);

        assertThat(lua.load("return os.time()").call().tolong()).isEqualTo(NOW);
        assertThat(lua.load("return os.time({year = 2026, month = 1, day = 1, hour = 0})").call().isnumber()).isTrue();
    }

    /** os.time(), the check's only reading of the clock (Argo CD's Lua offers os.time and os.date), answers {@link #NOW}. */
    private static void pinClock(Globals lua) {
        lua.set("NOW", LuaValue.valueOf(NOW));
        lua.load("""
                local time = os.time
                os.time = function(date)
                  if date == nil then return NOW end
                  return time(date)
                end
                """, "clock").call();
    }

    /** As Argo CD hands a resource to Lua: objects as tables, lists as 1-based arrays, numbers as numbers. */
    private static LuaValue toLua(JsonNode node) {
        if (node.isObject()) {
            LuaTable table = new LuaTable();
            node.properties().forEach(field -> table.set(field.getKey(), toLua(field.getValue())));
            return table;
        }
        if (node.isArray()) {
            LuaTable array = new LuaTable();
            for (int i = 0; i < node.size(); i++) {
                array.set(i + 1, toLua(node.get(i)));
            }
            return array;
        }
        if (node.isNumber()) {
            return LuaValue.valueOf(node.asDouble());
        }
        if (node.isBoolean()) {
            return LuaValue.valueOf(node.asBoolean());
        }
        return node.isNull() ? LuaValue.NIL : LuaValue.valueOf(node.asText());
    }
}
