package io.kubezap.session.engine.cobalt;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A protocol node reduced to what the adapter's own logic reads: tag, string attributes, children
 * and text content. Keeps that logic free of Cobalt types, so it is unit-testable.
 */
public record NodeView(String tag, Map<String, String> attributes, List<NodeView> children, String content) {

    public NodeView {
        attributes = Map.copyOf(attributes);
        children = List.copyOf(children);
    }

    public static NodeView of(String tag, Map<String, String> attributes, NodeView... children) {
        return new NodeView(tag, attributes, List.of(children), null);
    }

    public static NodeView text(String tag, String content) {
        return new NodeView(tag, Map.of(), List.of(), content);
    }

    public Optional<String> attribute(String name) {
        return Optional.ofNullable(attributes.get(name));
    }

    public Optional<NodeView> child(String childTag) {
        return children.stream().filter(child -> child.tag().equals(childTag)).findFirst();
    }

    public List<NodeView> children(String childTag) {
        return children.stream().filter(child -> child.tag().equals(childTag)).toList();
    }

    public Optional<NodeView> firstChild() {
        return children.stream().findFirst();
    }
}
