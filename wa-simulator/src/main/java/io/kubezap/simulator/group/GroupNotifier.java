package io.kubezap.simulator.group;

import it.auties.whatsapp.model.node.Node;

import java.util.Collection;

/** Delivers a group notification ({@code w:gp2}, {@code picture}) to every linked device of the given accounts (numbers). */
@FunctionalInterface
public interface GroupNotifier {
    void notify(Collection<String> numbers, Node notification);
}
