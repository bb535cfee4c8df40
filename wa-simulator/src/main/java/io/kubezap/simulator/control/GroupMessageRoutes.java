package io.kubezap.simulator.control;

import io.kubezap.simulator.phone.PhoneDirectory;
import io.kubezap.simulator.stream.ChatServer;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/** The control API's group messages: phones post in a group; what each member phone received in it. */
final class GroupMessageRoutes {
    private static final String GROUP_MESSAGES = "/api/groups/([0-9-]+)(?:@g\\.us)?/messages";

    record Post(String from, String text) {
    }

    record React(String from, String emoji) {
    }

    private GroupMessageRoutes() {
    }

    static List<Route> routes(ChatServer server, PhoneDirectory phones, GroupRoutes.BodyReader reader) {
        return List.of(
                Route.of("POST", GROUP_MESSAGES, (parameters, body) -> {
                    var request = reader.read(body, Post.class);
                    if (request.from() == null || request.from().isBlank()) {
                        throw new IllegalArgumentException("from (the posting phone's number) is required");
                    }
                    return ApiResponse.created(Map.of("id", server.groupMessages().postText(request.from(), parameters.get(0), request.text())));
                }),
                Route.of("POST", GROUP_MESSAGES + "/([^/]+)/reactions", (parameters, body) -> {
                    var request = reader.read(body, React.class);
                    if (request.from() == null || request.from().isBlank()) {
                        throw new IllegalArgumentException("from (the reacting phone's number) is required");
                    }
                    return ApiResponse.created(Map.of("id", server.groupMessages().react(request.from(), parameters.get(0),
                            parameters.get(1), request.emoji())));
                }),
                Route.of("GET", GROUP_MESSAGES, (parameters, body) -> ApiResponse.ok(received(server, phones, parameters.get(0)))));
    }

    /** Per member phone, the messages it received in the group, oldest first. */
    private static Map<String, List<Views.Message>> received(ChatServer server, PhoneDirectory phones, String groupId) {
        var group = server.groups().find(groupId).orElseThrow(() -> new NoSuchElementException("No group " + groupId));
        var result = new LinkedHashMap<String, List<Views.Message>>();
        server.groups().members(group).forEach(number -> phones.find(number).ifPresent(phone -> result.put(number,
                phone.inbox().stream().filter(message -> message.group() != null && message.group().toString().equals(group.jid()))
                        .map(message -> Views.message(number, message, null, phone.findMessage(message.id()).orElse(null))).toList())));
        return result;
    }
}
