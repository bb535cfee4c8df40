package io.kubezap.gateway.cache;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.informers.cache.BasicItemStore;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.fabric8.kubernetes.client.informers.cache.ItemStore;

import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * An informer's store that holds each object as {@code prune} leaves it: the informer's transform, which fabric8's
 * client offers through the store it writes to. The informer still decodes every object whole, once, as it arrives;
 * what it keeps for as long as the object lives is the pruned copy.
 */
final class PrunedStore<T extends HasMetadata> implements ItemStore<T> {

    private final BasicItemStore<T> objects = new BasicItemStore<>(Cache::metaNamespaceKeyFunc);
    private final UnaryOperator<T> prune;

    PrunedStore(UnaryOperator<T> prune) {
        this.prune = prune;
    }

    @Override
    public String getKey(T object) {
        return objects.getKey(object);
    }

    @Override
    public T put(String key, T object) {
        return objects.put(key, prune.apply(object));
    }

    @Override
    public T remove(String key) {
        return objects.remove(key);
    }

    @Override
    public Stream<String> keySet() {
        return objects.keySet();
    }

    @Override
    public Stream<T> values() {
        return objects.values();
    }

    @Override
    public int size() {
        return objects.size();
    }

    @Override
    public T get(String key) {
        return objects.get(key);
    }
}
