package io.kubezap.automation.autoreply;

import java.util.Optional;

/** A keyword rule: it matches a text holding one of its keywords (if it has any) for which its 'when' holds (if any). */
record KeywordRule(String name, Keywords keywords, Optional<CelCondition> when, String reply) {

    boolean matches(ReplyContext context) {
        return (keywords.isEmpty() || keywords.foundIn(context.text())) && when.map(w -> w.holds(context)).orElse(true);
    }
}
