package io.kubezap.automation.autoreply;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** Words or phrases found as whole words in a text, ignoring case and accents ("preco" finds "Preço?"). */
final class Keywords {

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private final List<Pattern> patterns;

    Keywords(List<String> keywords) {
        this.patterns = keywords.stream().map(Keywords::fold).filter(word -> !word.isEmpty())
                .map(word -> Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(word) + "(?![\\p{L}\\p{N}])"))
                .toList();
    }

    boolean isEmpty() {
        return patterns.isEmpty();
    }

    boolean foundIn(String text) {
        String folded = fold(text);
        return patterns.stream().anyMatch(pattern -> pattern.matcher(folded).find());
    }

    /** Lower case, accents dropped, runs of white space as one space. */
    static String fold(String text) {
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFD);
        return SPACES.matcher(MARKS.matcher(decomposed).replaceAll("")).replaceAll(" ").trim().toLowerCase(Locale.ROOT);
    }
}
