package io.kubezap.system.apiserver;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.server.mock.KubernetesAttributesExtractor;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;

import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.BinaryOperator;
import java.util.function.Supplier;

import static io.fabric8.kubernetes.client.server.mock.KubernetesAttributesExtractor.NAME;
import static io.fabric8.kubernetes.client.server.mock.KubernetesAttributesExtractor.NAMESPACE;
import static io.fabric8.kubernetes.client.server.mock.KubernetesAttributesExtractor.PLURAL;

/**
 * The fabric8 mock API server's CRUD dispatcher with its objects also filed by plural, namespace and name
 * ({@link StoredKeyIndex}): a get, a list and the look-up before a create, update or patch visit the objects of the
 * plural and namespace (and name) asked for, where the stock dispatcher matches every request against every stored
 * object. What is stored, how it is matched, patched and watched, and the answers themselves are the stock
 * dispatcher's; deletes and a watch's first listing still visit every object (rare: nothing here needs them fast).
 * Unlike the stock dispatcher, and as a real API server does: a list with a {@code limit} is answered in pages
 * ({@link PagedLists}); a watch from a resourceVersion (an informer's, after its list) starts with the objects written
 * after that version only, where the stock one sends every object again as ADDED ({@link WatchFromVersion}), so an
 * informer's cache is what its list pages gave it plus what changed since. A watch without a version, or from "0",
 * starts with every object, as on a real server.
 */
public class IndexedCrudDispatcher extends KubernetesCrudDispatcher {

    private final StoredKeyIndex index = new StoredKeyIndex();
    private final AccessReviews reviews = new AccessReviews();
    /** Ours, around every request: the stock lock is private, and the index must change with the map under one. */
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final PagedLists lists;
    /** The last resource version handed out: a list answers with it, as the stock one does. */
    private long resourceVersion;
    /** (plural, object as written) → object as stored: what the server adds to what it is sent. */
    private final BinaryOperator<String> storedShape;

    /** Stores every object as it is written, as the stock dispatcher does. */
    public IndexedCrudDispatcher() {
        this((plural, json) -> json);
    }

    /** Stores every namespaced object as {@code storedShape} makes it, e.g. {@link ServerShapedObjects#shaped}. */
    public IndexedCrudDispatcher(BinaryOperator<String> storedShape) {
        this(storedShape, new PagedLists());
    }

    /** With lists paged by {@code lists} (a test's clock). */
    IndexedCrudDispatcher(BinaryOperator<String> storedShape, PagedLists lists) {
        this.storedShape = storedShape;
        this.lists = lists;
    }

    /** The tokens and grants the TokenReviews and SubjectAccessReviews posted here are answered from. */
    public AccessReviews reviews() {
        return reviews;
    }

    @Override
    public MockResponse handleCreate(RecordedRequest request) {
        var review = reviews.answer(request);
        if (review.isPresent()) {
            return review.get();
        }
        return under(lock.writeLock(), () -> super.handleCreate(request));
    }

    @Override
    public MockResponse handleUpdate(RecordedRequest request) {
        return under(lock.writeLock(), () -> super.handleUpdate(request));
    }

    @Override
    public MockResponse handlePatch(RecordedRequest request) {
        return under(lock.writeLock(), () -> super.handlePatch(request));
    }

    @Override
    public MockResponse handleDelete(String path) {
        return under(lock.writeLock(), () -> super.handleDelete(path));
    }

    @Override
    public MockResponse handleGet(String path) {
        return isWatch(path) ? super.handleGet(path) : under(lock.readLock(), () -> get(path));
    }

    @Override
    public MockResponse handleWatch(String path) {
        MockResponse stock = super.handleWatch(path);
        OptionalLong since = watchedFrom(path);
        return since.isEmpty() ? stock
                : stock.withWebSocketUpgrade(new WatchFromVersion(stock.getWebSocketListener(), since.getAsLong()));
    }

    @Override
    public void reset() {
        under(lock.writeLock(), () -> {
            super.reset();
            index.clear();
            return null;
        });
    }

    @Override
    public long requestResourceVersion() {
        resourceVersion = super.requestResourceVersion();
        return resourceVersion;
    }

    @Override
    public Map.Entry<AttributeSet, String> findResource(AttributeSet attributes) {
        return matching(attributes).stream().findFirst().map(key -> Map.entry(key, map.get(key))).orElse(null);
    }

    /** Every stored object passes through here on its way into or out of the map. */
    @Override
    public void processEvent(String path, AttributeSet pathAttributes, AttributeSet oldAttributes,
                             GenericKubernetesResource resource, String newState) {
        String stored = newState == null ? null : namespacedPlural(path).map(plural -> storedShape.apply(plural, newState)).orElse(newState);
        AttributeSet newKey = stored == null ? null : storedKey(pathAttributes, resource, stored);
        super.processEvent(path, pathAttributes, oldAttributes, resource, stored);
        if (oldAttributes != null) {
            index.remove(oldAttributes);
        }
        if (newKey != null) {
            if (!map.containsKey(newKey)) {
                throw new IllegalStateException("the stock dispatcher stored " + path + " under another key than " + newKey);
            }
            index.add(newKey);
        }
    }

    /** As the stock {@code handle(path, null)} answers a get, from the candidates instead of the whole map. */
    private MockResponse get(String path) {
        AttributeSet query = getKey(path);
        List<String> items = matching(query).stream().map(map::get).toList();
        if (query.containsKey(NAME)) {
            return items.isEmpty()
                    ? new MockResponse().setResponseCode(HttpURLConnection.HTTP_NOT_FOUND)
                    : new MockResponse().setResponseCode(HttpURLConnection.HTTP_OK).setBody(items.getFirst());
        }
        if (items.isEmpty() && !query.containsKey(NAMESPACE) && !path.contains("continue=")) {
            // an API discovery path (/apis/{group}/{version}) looks like an empty cluster-wide list: the stock answer
            return super.handleGet(path);
        }
        return lists.answer(path, () -> items, String.valueOf(resourceVersion));
    }

    private List<AttributeSet> matching(AttributeSet query) {
        return index.candidates(query).stream().filter(key -> key.matches(query)).toList();
    }

    /** The key the stock {@code processEvent} stores a new state under. */
    private AttributeSet storedKey(AttributeSet pathAttributes, GenericKubernetesResource resource, String newState) {
        var extractor = (KubernetesAttributesExtractor) attributeExtractor;
        AttributeSet key = resource != null ? extractor.extract(resource) : extractor.fromResource(newState);
        return key.containsKey(PLURAL) ? key : AttributeSet.merge(pathAttributes, key);
    }

    /** The plural of a path {@code …/namespaces/{namespace}/{plural}[/…]}. */
    private static Optional<String> namespacedPlural(String path) {
        List<String> segments = List.of(path.split("\\?", 2)[0].split("/"));
        int namespaces = segments.indexOf("namespaces");
        return namespaces >= 0 && segments.size() > namespaces + 2 ? Optional.of(segments.get(namespaces + 2)) : Optional.empty();
    }

    /** As the stock dispatcher tells a watch from a get (a path it cannot parse is a get). */
    private static boolean isWatch(String path) {
        try {
            String query = new URI(path).getQuery();
            return query != null && query.contains("watch=true");
        } catch (URISyntaxException unparsable) {
            return false;
        }
    }

    /** The resourceVersion a watch starts from, if it names one other than "0" (which means any, as does none). */
    private static OptionalLong watchedFrom(String path) {
        return Optional.ofNullable(PagedLists.query(path).get("resourceVersion"))
                .filter(version -> !version.isEmpty() && !version.equals("0"))
                .map(version -> OptionalLong.of(Long.parseLong(version))).orElse(OptionalLong.empty());
    }

    private static <T> T under(Lock lock, Supplier<T> work) {
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }
}
