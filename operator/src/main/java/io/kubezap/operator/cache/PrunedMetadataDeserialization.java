package io.kubezap.operator.cache;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import io.fabric8.kubernetes.api.model.FieldsV1;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.quarkus.kubernetes.client.KubernetesClientObjectMapperCustomizer;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.util.LinkedHashMap;

/**
 * Every object the operator's Kubernetes client reads (informer lists and watches, GETs) has its metadata pruned by
 * {@link MetadataPruning} as it is decoded, so neither the informers' caches nor anything else holds the parts no one
 * here reads, and every {@code fieldsV1} tree it keeps is decoded into the shared, read-only one of
 * {@link SharedFieldSets}. At decoding rather than in an informer's item store: JOSDK hands one store instance to the informer of
 * every watched namespace, which then share (and on a relist empty) each other's entries.
 */
@Singleton
public class PrunedMetadataDeserialization implements KubernetesClientObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.registerModule(module());
    }

    /** The Jackson module that prunes every {@link ObjectMeta} and shares every {@link FieldsV1} it decodes. */
    public static SimpleModule module() {
        return new SimpleModule("kubezap-pruned-metadata")
                .addDeserializer(FieldsV1.class, new SharedFieldsV1())
                .setDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            public JsonDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription description,
                                                          JsonDeserializer<?> deserializer) {
                return description.getBeanClass() == ObjectMeta.class ? new Pruning(deserializer) : deserializer;
            }
        });
    }

    private static final class SharedFieldsV1 extends StdDeserializer<FieldsV1> {

        SharedFieldsV1() {
            super(FieldsV1.class);
        }

        @Override
        @SuppressWarnings("unchecked")
        public FieldsV1 deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            return SharedFieldSets.of(context.readValue(parser, LinkedHashMap.class));
        }
    }

    private static final class Pruning extends DelegatingDeserializer {

        Pruning(JsonDeserializer<?> delegate) {
            super(delegate);
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> delegate) {
            return new Pruning(delegate);
        }

        @Override
        public Object deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            return MetadataPruning.prune((ObjectMeta) super.deserialize(parser, context));
        }

        @Override
        public Object deserialize(JsonParser parser, DeserializationContext context, Object into) throws IOException {
            return MetadataPruning.prune((ObjectMeta) super.deserialize(parser, context, into));
        }
    }
}
