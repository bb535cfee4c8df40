package io.kubezap.system.apiserver;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.Dispatcher;

import java.net.InetAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;

/**
 * One run of creates, conflicts, gets, lists (by namespace, label, field, across namespaces), patches, status
 * patches, updates, deletes (with and without a finalizer), discovery and two watches against a mock API server with a
 * given dispatcher, with every answer written down step by step, the server's own uids and timestamps left out. The
 * objects share names across namespaces, kinds and API groups, so that an answer with the wrong object in it shows.
 */
final class CrudScenario {

    static final ResourceDefinitionContext WIDGETS = new ResourceDefinitionContext.Builder()
            .withGroup("test.io").withVersion("v1").withKind("Widget").withPlural("widgets").withNamespaced(true).build();

    private final KubernetesClient client;
    private final Map<String, String> answers = new LinkedHashMap<>();
    private final Queue<String> namespaceAEvents = new ConcurrentLinkedQueue<>();
    private final Queue<String> webEvents = new ConcurrentLinkedQueue<>();

    private CrudScenario(KubernetesClient client) {
        this.client = client;
    }

    /** Step → answer, in the order the steps ran. */
    static Map<String, String> answersOf(Dispatcher dispatcher) {
        Logger.getLogger("io.fabric8.mockwebserver").setLevel(Level.WARNING);
        var server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), dispatcher, false);
        server.init(InetAddress.getLoopbackAddress(), 0);
        try (KubernetesClient client = server.createClient()) {
            return new CrudScenario(client).run();
        } finally {
            server.destroy();
        }
    }

    private Map<String, String> run() {
        try (Watch inA = client.configMaps().inNamespace("a").watch(recorder(namespaceAEvents));
             Watch web = client.configMaps().inAnyNamespace().withLabel("tier", "web").watch(recorder(webEvents))) {
            create();
            read();
            change();
            delete();
            answer("discovery of test.io/v1", () -> client.getApiResources("test.io/v1").getResources().stream()
                    .map(resource -> resource.getKind() + "/" + resource.getName()).toList().toString());
            client.configMaps().inNamespace("a").resource(configMap("a", "zz-last", "web")).create();
            await().atMost(Duration.ofSeconds(30)).until(() -> namespaceAEvents.contains("ADDED a/zz-last")
                    && webEvents.contains("ADDED a/zz-last"));
        }
        answers.put("watch: config maps in a", List.copyOf(namespaceAEvents).toString());
        answers.put("watch: config maps labelled tier=web anywhere", List.copyOf(webEvents).toString());
        return answers;
    }

    private void create() {
        for (String namespace : List.of("a", "b")) {
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build()).create();
        }
        client.resource(new CustomResourceDefinitionBuilder().withNewMetadata().withName("widgets.test.io").endMetadata()
                .withNewSpec().withGroup("test.io").withScope("Namespaced")
                .withNewNames().withKind("Widget").withPlural("widgets").withSingular("widget").endNames()
                .addNewVersion().withName("v1").withServed(true).withStorage(true)
                .withNewSubresources().withNewStatus().endStatus().endSubresources().endVersion()
                .endSpec().build()).create();
        client.configMaps().inNamespace("a").resource(configMap("a", "shared", "web")).create();
        client.configMaps().inNamespace("b").resource(configMap("b", "shared", "db")).create();
        client.configMaps().inNamespace("a").resource(configMap("a", "only-a", "db")).create();
        client.configMaps().inNamespace("a").resource(configMap("a", "unlabelled", null)).create();
        client.secrets().inNamespace("a").resource(new SecretBuilder().withNewMetadata().withName("shared")
                .addToLabels("tier", "web").endMetadata().addToStringData("kind", "secret").build()).create();
        client.v1().events().inNamespace("a").resource(new EventBuilder().withNewMetadata().withName("e1").endMetadata()
                .withReason("core").build()).create();
        client.events().v1().events().inNamespace("a").resource(new io.fabric8.kubernetes.api.model.events.v1.EventBuilder()
                .withNewMetadata().withName("e1").endMetadata().withReason("events.k8s.io").build()).create();
        client.genericKubernetesResources(WIDGETS).inNamespace("a").resource(new GenericKubernetesResourceBuilder()
                .withApiVersion("test.io/v1").withKind("Widget").withNewMetadata().withName("shared").endMetadata()
                .addToAdditionalProperties("spec", Map.of("size", 1)).build()).create();
        answer("create config map a/ with a generated name", () -> describe(client.configMaps().inNamespace("a")
                .resource(new ConfigMapBuilder().withNewMetadata().withGenerateName("generated-").endMetadata().build()).create()));
        answer("create config map a/shared again", () -> describe(client.configMaps().inNamespace("a").resource(configMap("a", "shared", "db")).create()));
        answer("create config map b/only-a", () -> describe(client.configMaps().inNamespace("b").resource(configMap("b", "only-a", "web")).create()));
        answer("create widget a/shared again", () -> describe(client.genericKubernetesResources(WIDGETS).inNamespace("a")
                .resource(new GenericKubernetesResourceBuilder().withApiVersion("test.io/v1").withKind("Widget")
                        .withNewMetadata().withName("shared").endMetadata().build()).create()));
    }

    private void read() {
        answer("get config map a/shared", () -> describe(client.configMaps().inNamespace("a").withName("shared").get()));
        answer("get config map b/shared", () -> describe(client.configMaps().inNamespace("b").withName("shared").get()));
        answer("get config map a/missing", () -> describe(client.configMaps().inNamespace("a").withName("missing").get()));
        answer("get config map b/unlabelled", () -> describe(client.configMaps().inNamespace("b").withName("unlabelled").get()));
        answer("get secret a/shared", () -> describe(client.secrets().inNamespace("a").withName("shared").get()));
        answer("get core event a/e1", () -> describe(client.v1().events().inNamespace("a").withName("e1").get()));
        answer("get events.k8s.io event a/e1", () -> describe(client.events().v1().events().inNamespace("a").withName("e1").get()));
        answer("get widget a/shared", () -> describe(client.genericKubernetesResources(WIDGETS).inNamespace("a").withName("shared").get()));
        answer("get namespace b", () -> describe(client.namespaces().withName("b").get()));
        lists();
    }

    private void lists() {
        answer("list config maps in a", () -> describe(client.configMaps().inNamespace("a").list()));
        answer("list config maps in b", () -> describe(client.configMaps().inNamespace("b").list()));
        answer("list config maps anywhere", () -> describe(client.configMaps().inAnyNamespace().list()));
        answer("list config maps in a, tier=db", () -> describe(client.configMaps().inNamespace("a").withLabel("tier", "db").list()));
        answer("list config maps anywhere, tier=web", () -> describe(client.configMaps().inAnyNamespace().withLabel("tier", "web").list()));
        answer("list config maps in a, tier!=web", () -> describe(client.configMaps().inNamespace("a").withoutLabel("tier", "web").list()));
        answer("list config maps in a, with a tier", () -> describe(client.configMaps().inNamespace("a").withLabel("tier").list()));
        answer("list config maps in a, without a tier", () -> describe(client.configMaps().inNamespace("a").withoutLabel("tier").list()));
        answer("list config maps anywhere, metadata.name=shared", () -> describe(client.configMaps().inAnyNamespace()
                .withField("metadata.name", "shared").list()));
        answer("list secrets in b", () -> describe(client.secrets().inNamespace("b").list()));
        answer("list secrets anywhere", () -> describe(client.secrets().inAnyNamespace().list()));
        answer("list core events in a", () -> describe(client.v1().events().inNamespace("a").list()));
        answer("list persistent volumes", () -> describe(client.persistentVolumes().list()));
        answer("list namespaces", () -> describe(client.namespaces().list()));
    }

    private void change() {
        answer("merge-patch config map a/only-a to tier=web", () -> describe(client.configMaps().inNamespace("a").withName("only-a")
                .edit(map -> new ConfigMapBuilder(map).editMetadata().addToLabels("tier", "web").endMetadata()
                        .addToData("patched", "yes").build())));
        answer("update config map b/shared", () -> describe(client.configMaps().inNamespace("b")
                .resource(new ConfigMapBuilder(client.configMaps().inNamespace("b").withName("shared").get())
                        .addToData("updated", "yes").build()).update()));
        answer("update config map b/missing", () -> describe(client.configMaps().inNamespace("b")
                .resource(new ConfigMapBuilder(configMap("b", "missing", null)).editMetadata().withResourceVersion("1").endMetadata()
                        .build()).update()));
        answer("patch status of widget a/shared", () -> describe(client.genericKubernetesResources(WIDGETS).inNamespace("a")
                .resource(new GenericKubernetesResourceBuilder(client.genericKubernetesResources(WIDGETS).inNamespace("a").withName("shared").get())
                        .addToAdditionalProperties("status", Map.of("phase", "Ready")).build()).patchStatus()));
        answer("edit spec of widget a/shared", () -> describe(client.genericKubernetesResources(WIDGETS).inNamespace("a").withName("shared")
                .edit(widget -> new GenericKubernetesResourceBuilder(widget).addToAdditionalProperties("spec", Map.of("size", 2)).build())));
        answer("list config maps anywhere, tier=web, after the patch", () -> describe(client.configMaps().inAnyNamespace().withLabel("tier", "web").list()));
        answer("list config maps in a, after the patch", () -> describe(client.configMaps().inNamespace("a").list()));
    }

    private void delete() {
        answer("delete config map a/unlabelled", () -> client.configMaps().inNamespace("a").withName("unlabelled").delete().size() + " deleted");
        answer("delete config map a/unlabelled again", () -> client.configMaps().inNamespace("a").withName("unlabelled").delete().size() + " deleted");
        client.configMaps().inNamespace("b").resource(new ConfigMapBuilder(configMap("b", "kept", "web"))
                .editMetadata().addToFinalizers("test.io/keep").endMetadata().build()).create();
        answer("delete config map b/kept, which has a finalizer", () -> client.configMaps().inNamespace("b").withName("kept").delete().size() + " deleted");
        answer("get config map b/kept, deleting", () -> describe(client.configMaps().inNamespace("b").withName("kept").get()));
        answer("remove the finalizer of config map b/kept", () -> describe(client.configMaps().inNamespace("b").withName("kept")
                .edit(map -> new ConfigMapBuilder(map).editMetadata().withFinalizers(List.of()).endMetadata().build())));
        answer("get config map b/kept, finalized", () -> describe(client.configMaps().inNamespace("b").withName("kept").get()));
        answer("list config maps anywhere, after the deletes", () -> describe(client.configMaps().inAnyNamespace().list()));
    }

    private void answer(String step, Supplier<String> request) {
        String answer;
        try {
            answer = request.get();
        } catch (KubernetesClientException refused) {
            answer = "HTTP " + refused.getCode();
        }
        answers.put(step, answer);
    }

    private static ConfigMap configMap(String namespace, String name, String tier) {
        var metadata = new ConfigMapBuilder().withNewMetadata().withNamespace(namespace).withName(name);
        if (tier != null) {
            metadata.addToLabels("tier", tier);
        }
        return metadata.endMetadata().addToData("at", namespace + "/" + name).build();
    }

    /** The names first (what a wrong look-up changes), then every object without what the server made up. */
    private static String describe(KubernetesResourceList<? extends HasMetadata> list) {
        return list.getItems().stream().map(item -> item.getMetadata().getNamespace() + "/" + name(item))
                .collect(Collectors.joining(" ")) + " | resourceVersion " + list.getMetadata().getResourceVersion() + " | "
                + list.getItems().stream().map(CrudScenario::describe).collect(Collectors.joining(", "));
    }

    private static String describe(HasMetadata object) {
        if (object == null) {
            return "null";
        }
        ObjectNode json = Serialization.jsonMapper().valueToTree(object);
        ObjectNode metadata = (ObjectNode) json.get("metadata");
        metadata.remove(List.of("uid", "creationTimestamp"));
        metadata.put("name", name(object));
        if (metadata.has("deletionTimestamp")) {
            metadata.put("deletionTimestamp", "set");
        }
        return json.toString();
    }

    /** A generated name's random part left out. */
    private static String name(HasMetadata object) {
        String generateName = object.getMetadata().getGenerateName();
        return generateName == null ? object.getMetadata().getName() : generateName + "…";
    }

    private static Watcher<ConfigMap> recorder(Queue<String> events) {
        return new Watcher<>() {
            @Override
            public void eventReceived(Action action, ConfigMap configMap) {
                events.add(action + " " + configMap.getMetadata().getNamespace() + "/" + name(configMap));
            }

            @Override
            public void onClose(WatcherException cause) {
            }
        };
    }
}
