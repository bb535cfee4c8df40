package io.kubezap.system.apiserver;

import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The same {@link CrudScenario} against the stock CRUD dispatcher and the indexed one. */
class IndexedCrudDispatcherTest {

    private static Map<String, String> stock;
    private static Map<String, String> indexed;

    @BeforeAll
    static void runTheScenarioAgainstBoth() {
        stock = CrudScenario.answersOf(new KubernetesCrudDispatcher());
        indexed = CrudScenario.answersOf(new IndexedCrudDispatcher());
    }

    @Test
    void answersEveryStepAsTheStockDispatcherDoes() {
        assertThat(indexed).containsExactlyEntriesOf(stock);
    }

    /** So that the comparison above cannot pass on two empty answers. */
    @Test
    void findsTheObjectOfTheKindNamespaceAndApiGroupAsked() {
        assertThat(indexed.get("create config map a/ with a generated name")).contains("\"name\":\"generated-…\"");
        assertThat(indexed.get("create config map a/shared again")).isEqualTo("HTTP 409");
        assertThat(indexed.get("create config map b/only-a")).contains("\"at\":\"b/only-a\"");
        assertThat(indexed.get("create widget a/shared again")).isEqualTo("HTTP 409");
        assertThat(indexed.get("get config map b/shared")).contains("\"at\":\"b/shared\"");
        assertThat(indexed.get("get config map a/missing")).isEqualTo("null");
        assertThat(indexed.get("get config map b/unlabelled")).isEqualTo("null");
        assertThat(indexed.get("get secret a/shared")).contains("\"kind\":\"Secret\"");
        assertThat(indexed.get("get core event a/e1")).contains("\"reason\":\"core\"");
        assertThat(indexed.get("get events.k8s.io event a/e1")).contains("\"reason\":\"events.k8s.io\"");
        assertThat(indexed.get("update config map b/missing")).isEqualTo("HTTP 404");
        assertThat(indexed.get("discovery of test.io/v1")).isEqualTo("[Widget/widgets]");
    }

    @Test
    void listsTheObjectsTheNamespaceLabelsAndFieldsSelectInTheOrderTheyWereStored() {
        assertThat(indexed.get("list config maps in a")).startsWith("a/shared a/only-a a/unlabelled a/generated-… |");
        assertThat(indexed.get("list config maps anywhere")).startsWith("a/shared b/shared a/only-a a/unlabelled a/generated-… b/only-a |");
        assertThat(indexed.get("list config maps in a, tier=db")).startsWith("a/only-a |");
        assertThat(indexed.get("list config maps anywhere, tier=web")).startsWith("a/shared b/only-a |");
        assertThat(indexed.get("list config maps in a, tier!=web")).startsWith("a/only-a a/unlabelled a/generated-… |");
        assertThat(indexed.get("list config maps in a, without a tier")).startsWith("a/unlabelled a/generated-… |");
        assertThat(indexed.get("list config maps anywhere, metadata.name=shared")).startsWith("a/shared b/shared |");
        assertThat(indexed.get("list secrets in b")).startsWith(" |");
        assertThat(indexed.get("list config maps anywhere, tier=web, after the patch")).startsWith("a/shared b/only-a a/only-a |");
    }

    @Test
    void patchesAndDeletesMoveObjectsInAndOutOfTheAnswers() {
        assertThat(indexed.get("patch status of widget a/shared")).contains("\"status\":{\"phase\":\"Ready\"}");
        assertThat(indexed.get("get widget a/shared")).contains("\"size\":1");
        assertThat(indexed.get("delete config map a/unlabelled")).isEqualTo("1 deleted");
        assertThat(indexed.get("delete config map a/unlabelled again")).isEqualTo("0 deleted");
        assertThat(indexed.get("get config map b/kept, deleting")).contains("\"deletionTimestamp\":\"set\"");
        assertThat(indexed.get("get config map b/kept, finalized")).isEqualTo("null");
        assertThat(indexed.get("list config maps anywhere, after the deletes")).doesNotContain("unlabelled", "b/kept");
        assertThat(indexed.get("watch: config maps labelled tier=web anywhere"))
                .contains("ADDED a/only-a", "MODIFIED b/kept", "DELETED b/kept").doesNotContain("b/shared");
    }
}
