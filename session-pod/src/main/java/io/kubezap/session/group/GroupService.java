package io.kubezap.session.group;

import io.kubezap.session.engine.GroupEngine;
import io.kubezap.session.engine.GroupInfo;
import io.kubezap.session.engine.GroupRefusedException;
import io.kubezap.session.jid.Jid;
import io.kubezap.session.message.EngineCalls;
import io.kubezap.session.problem.ApiException;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CompletionException;

/** The account's groups, administered on WhatsApp's group server; a refusal becomes a problem that says which. */
@Singleton
public class GroupService {
    private static final List<String> ACTIONS = List.of("add", "remove", "promote", "demote");

    private final GroupEngine engine;

    public GroupService(GroupEngine engine) {
        this.engine = engine;
    }

    public GroupInfo create(String subject, List<String> participants) {
        if (subject == null || subject.isBlank()) {
            throw ApiException.invalid("subject", "must not be empty");
        }
        return call(engine.create(subject.strip(), userJids("participants", participants)), null);
    }

    public GroupInfo get(String groupJid) {
        var group = groupJid(groupJid);
        return call(engine.metadata(group), group);
    }

    /** Body {@code {"add"|"remove"|"promote"|"demote": [jids]}}: one action per request, answered per participant. */
    public List<Map<String, Object>> changeParticipants(String groupJid, Map<String, List<String>> request) {
        var group = groupJid(groupJid);
        var actions = request == null ? List.<String>of() : request.keySet().stream().filter(ACTIONS::contains).toList();
        if (actions.size() != 1) {
            throw ApiException.invalid("action", "give exactly one of add, remove, promote, demote with a list of participants");
        }
        var action = actions.getFirst();
        var outcomes = call(engine.changeParticipants(group, action, userJids(action, request.get(action))), group);
        return outcomes.stream().map(outcome -> Map.<String, Object>of("jid", outcome.jid(), "code", outcome.code(),
                "status", status(action, outcome.code()))).toList();
    }

    /** Changes what is given (null fields stay); answers the group as WhatsApp has it after. */
    public GroupInfo update(String groupJid, String subject, String description, Boolean announce, Boolean locked) {
        var group = groupJid(groupJid);
        if (subject == null && description == null && announce == null && locked == null) {
            throw ApiException.invalid("body", "give at least one of subject, description, announce, locked");
        }
        if (subject != null && subject.isBlank()) {
            throw ApiException.invalid("subject", "must not be empty");
        }
        if (subject != null) {
            call(engine.setSubject(group, subject.strip()), group);
        }
        if (description != null) {
            call(engine.setDescription(group, description.isBlank() ? null : description), group);
        }
        if (announce != null) {
            call(engine.setAnnounce(group, announce), group);
        }
        if (locked != null) {
            call(engine.setLocked(group, locked), group);
        }
        return call(engine.metadata(group), group);
    }

    public void leave(String groupJid) {
        var group = groupJid(groupJid);
        call(engine.leave(group), group);
    }

    private static String status(String action, int code) {
        return switch (code) {
            case 200 -> switch (action) {
                case "add" -> "added";
                case "remove" -> "removed";
                case "promote" -> "promoted";
                default -> "demoted";
            };
            case 403 -> "privacy-refused";
            case 404 -> "add".equals(action) ? "not-on-whatsapp" : "not-in-group";
            case 409 -> "already-in-group";
            default -> "failed";
        };
    }

    private static String groupJid(String raw) {
        Jid jid;
        try {
            jid = Jid.parse(raw);
        } catch (IllegalArgumentException invalid) {
            throw ApiException.invalid("jid", invalid.getMessage());
        }
        if (!jid.server().equals("g.us")) {
            throw ApiException.invalid("jid", "is not a group JID (…@g.us): '" + raw + "'");
        }
        return jid.toString();
    }

    private static List<String> userJids(String field, List<String> raw) {
        if (raw == null || raw.isEmpty()) {
            throw ApiException.invalid(field, "must list at least one participant");
        }
        var jids = new ArrayList<String>();
        for (var i = 0; i < raw.size(); i++) {
            try {
                var jid = Jid.parse(raw.get(i));
                if (!Jid.USER_SERVER.equals(jid.server())) {
                    throw new IllegalArgumentException("must be a phone number or user JID, got '" + raw.get(i) + "'");
                }
                jids.add(jid.toString());
            } catch (IllegalArgumentException invalid) {
                throw ApiException.invalid(field + "[" + i + "]", invalid.getMessage());
            }
        }
        return jids;
    }

    private static <T> T call(CompletionStage<T> stage, String group) {
        return EngineCalls.await(stage.exceptionally(failure -> {
            throw failure instanceof CompletionException wrapped && wrapped.getCause() != null
                    ? asProblem(wrapped.getCause(), group) : asProblem(failure, group);
        }));
    }

    private static RuntimeException asProblem(Throwable failure, String group) {
        if (failure instanceof GroupRefusedException refused) {
            return switch (refused.code()) {
                case 401 -> new ApiException(404, "not-a-group-member", "Not a member of the group",
                        "The account is not a participant of " + group);
                case 403 -> new ApiException(403, "not-a-group-admin", "Not an admin of the group",
                        "Only the group's admins may do this in " + group);
                case 404 -> new ApiException(404, "group-not-found", "No such group", "WhatsApp knows no group " + group);
                default -> new ApiException(400, "group-request-refused", "WhatsApp refused the group request",
                        refused.code() + " " + refused.getMessage());
            };
        }
        return failure instanceof RuntimeException runtime ? runtime : new CompletionException(failure);
    }
}
