package io.kubezap.contract;

/**
 * How many objects the operator's and the gateway's informers ask the API server for in one list answer, when they
 * list at start and list again after a watch has expired. Unpaged, the list of 10,000 sessions (or of their Secrets,
 * StatefulSets) was one answer, decoded on the Kubernetes client's one event loop for ~20 s on a loaded machine, and
 * the list queued behind it passed the client's 10 s request timeout
 * (docs/benchmarks/2026-11-26-gateway-10000-paged-lists.md).
 * With a limit the API server answers page by page ({@code metadata.continue}), each page a bounded piece of work.
 * 500 is client-go's page size (its {@code pager}), which Kubernetes' own informers and kubectl use.
 */
public final class ListPages {

    /** Objects per list answer; a constant, so that annotations (JOSDK's {@code @Informer}) can name it. */
    public static final long SIZE = 500;

    private ListPages() {
    }
}
