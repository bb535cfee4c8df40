package io.kubezap.contract;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A query parameter that may repeat and/or hold a comma-separated list ({@code type=a,b&type=c}): its values,
 * stripped, blanks dropped. The one reading of such parameters the pod, the gateway and the filters share.
 */
public final class QueryValues {

    private QueryValues() {
    }

    /** In the order given (duplicates kept): null or nothing is an empty list. */
    public static List<String> list(List<String> repeated) {
        return Optional.ofNullable(repeated).orElse(List.of()).stream()
                .filter(value -> value != null)
                .flatMap(value -> Arrays.stream(value.split(",")))
                .map(String::strip)
                .filter(value -> !value.isEmpty())
                .toList();
    }

    public static Set<String> set(List<String> repeated) {
        return list(repeated).stream().collect(Collectors.toUnmodifiableSet());
    }
}
