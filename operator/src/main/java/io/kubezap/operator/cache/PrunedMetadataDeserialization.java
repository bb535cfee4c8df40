package io.kubezap.operator.cache;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import io.fabric8.kubernetes.api.model.FieldsV1;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.quarkus.kubernetes.client.KubernetesClientObjectMapperCustomizer;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Every object the operator's Kubernetes client reads (informer lists and watches, GETs) has its metadata pruned by
 * {@link MetadataPruning} as it is decoded, so neither the informers' caches nor anything else holds the parts no one
 * here reads, and every {@code fieldsV1} tree it keeps is decoded into the shared, read-only one of
 * {@link SharedFieldSets}, and every fabric8 model object's empty {@code additionalProperties} map is the shared empty
 * one ({@link NoEmptyPropertyMaps}), a short string value seen a moment ago is that one ({@link RepeatedStrings}), every
 * map is a {@link CompactMap} (the declared type {@code Map} is mapped to it, untyped values included), and every pod
 * template's spec is held packed ({@link PackedPodTemplateSpec}). At decoding rather than in an informer's item store: JOSDK hands one store instance to the informer of
 * every watched namespace, which then share (and on a relist empty) each other's entries.
 */
@Singleton
public class PrunedMetadataDeserialization implements KubernetesClientObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.registerModule(module());
    }

    /** The Jackson module: prunes every {@link ObjectMeta}, shares every {@link FieldsV1} and empty property map it decodes. */
    public static SimpleModule module() {
        SimpleModule module = new SimpleModule("kubezap-pruned-metadata");
        module.addAbstractTypeMapping(Map.class, CompactMap.class);
        return module
                .addDeserializer(FieldsV1.class, new SharedFieldsV1())
                .addDeserializer(String.class, new RepeatedStringValues())
                .setDeserializerModifier(new BeanDeserializerModifier() {
                    @Override
                    public JsonDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription description,
                                                                  JsonDeserializer<?> deserializer) {
                        UnaryOperator<Object> afterwards = afterDecoding(description.getBeanClass());
                        JsonDeserializer<?> decoding = afterwards == null ? deserializer : new AfterDecoding(deserializer, afterwards);
                        return description.getBeanClass() == PodTemplateSpec.class ? new PackedTemplates(decoding) : decoding;
                    }
                });
    }

    /** What is done to a decoded object of this class, or null for nothing. */
    private static UnaryOperator<Object> afterDecoding(Class<?> type) {
        UnaryOperator<Object> emptyMaps = NoEmptyPropertyMaps.forClass(type)
                .<UnaryOperator<Object>>map(shared -> shared::apply).orElse(null);
        if (type != ObjectMeta.class) {
            return emptyMaps;
        }
        UnaryOperator<Object> pruning = metadata -> MetadataPruning.prune((ObjectMeta) metadata);
        return emptyMaps == null ? pruning : metadata -> emptyMaps.apply(pruning.apply(metadata));
    }

    private static final class RepeatedStringValues extends StdDeserializer<String> {

        RepeatedStringValues() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            return RepeatedStrings.shared(StringDeserializer.instance.deserialize(parser, context));
        }
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

    private static final class AfterDecoding extends DelegatingDeserializer {

        private final UnaryOperator<Object> afterwards;

        AfterDecoding(JsonDeserializer<?> delegate, UnaryOperator<Object> afterwards) {
            super(delegate);
            this.afterwards = afterwards;
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> delegate) {
            return new AfterDecoding(delegate, afterwards);
        }

        @Override
        public Object deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            return afterwards.apply(super.deserialize(parser, context));
        }

        @Override
        public Object deserialize(JsonParser parser, DeserializationContext context, Object into) throws IOException {
            return afterwards.apply(super.deserialize(parser, context, into));
        }
    }

    /** A pod template decoded without its spec, which is held packed instead. */
    private static final class PackedTemplates extends DelegatingDeserializer {

        PackedTemplates(JsonDeserializer<?> delegate) {
            super(delegate);
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> delegate) {
            return new PackedTemplates(delegate);
        }

        @Override
        public Object deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            JsonNode read = context.readTree(parser);
            JsonNode spec = read instanceof ObjectNode template ? template.remove("spec") : null;
            try (JsonParser rest = read.traverse(parser.getCodec())) {
                rest.nextToken();
                Object withoutSpec = super.deserialize(rest, context);
                return spec == null || spec.isNull() ? withoutSpec
                        : new PackedPodTemplateSpec((PodTemplateSpec) withoutSpec, spec.toString().getBytes(StandardCharsets.UTF_8));
            }
        }
    }
}
