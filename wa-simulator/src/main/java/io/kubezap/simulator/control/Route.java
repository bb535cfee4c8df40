package io.kubezap.simulator.control;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** One method and path pattern of the control API, with the handler that answers it. */
record Route(String method, Pattern path, Handler handler) {
    @FunctionalInterface
    interface Handler {
        ApiResponse handle(List<String> pathParameters, byte[] body) throws Exception;
    }

    static Route of(String method, String pathRegex, Handler handler) {
        return new Route(method, Pattern.compile(pathRegex), handler);
    }

    Optional<List<String>> match(String requestMethod, String requestPath) {
        var matcher = path.matcher(requestPath);
        if (!method.equals(requestMethod) || !matcher.matches()) {
            return Optional.empty();
        }
        var parameters = new java.util.ArrayList<String>();
        for (var group = 1; group <= matcher.groupCount(); group++) {
            parameters.add(matcher.group(group));
        }
        return Optional.of(parameters);
    }

    boolean matchesPath(String requestPath) {
        return path.matcher(requestPath).matches();
    }
}
