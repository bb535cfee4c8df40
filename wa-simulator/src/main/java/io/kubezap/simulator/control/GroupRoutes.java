package io.kubezap.simulator.control;

import io.kubezap.simulator.group.Group;
import io.kubezap.simulator.group.ParticipantResult;
import io.kubezap.simulator.group.Groups;
import io.kubezap.simulator.stream.ChatServer;

import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/** The control API's groups: what phones do in them (the {@code from} number acts) and what the server holds. */
final class GroupRoutes {
    private static final String GROUP = "/api/groups/([0-9-]+)(?:@g\\.us)?";

    @FunctionalInterface
    interface BodyReader {
        <T> T read(byte[] body, Class<T> type);
    }

    /** {@code addressingMode}: {@code lid} for a group WhatsApp addresses by its members' LIDs, else by numbers. */
    record CreateGroup(String from, String subject, List<String> participants, String addressingMode) {
    }

    record ChangeParticipants(String from, String action, List<String> participants) {
    }

    record UpdateGroup(String from, String subject, String description, Boolean announce, Boolean locked, Boolean joinApproval,
                       Long ephemeralSeconds, String memberAddMode) {
    }

    /** {@code data}: the picture's JPEG bytes in base64. */
    record Picture(String from, String data) {
    }

    record Actor(String from) {
    }

    record Join(String from, String code) {
    }

    record ParticipantView(String number, String role) {
    }

    record GroupView(String jid, String subject, String subjectOwner, String description, String creator, boolean announce,
                     boolean locked, List<ParticipantView> participants, long ephemeralSeconds, boolean joinApproval,
                     List<String> joinRequests, String pictureId, boolean community, String parent, boolean announcementsGroup,
                     String addressingMode, String memberAddMode) {
        static GroupView of(Group group) {
            return new GroupView(group.jid(), group.subject(), group.subjectOwner(), group.description().orElse(null),
                    group.creator(), group.announce(), group.locked(), group.participantList().stream()
                    .map(entry -> new ParticipantView(entry.getKey(), entry.getValue().name().toLowerCase())).toList(),
                    group.ephemeralSeconds(), group.joinApproval(), List.copyOf(group.joinRequests().keySet()),
                    group.picture().map(Group.GroupPicture::id).orElse(null), group.community(),
                    group.parentId().map(parent -> parent + "@g.us").orElse(null), group.announcementsGroup(),
                    group.lidAddressed() ? "lid" : "pn", group.memberAddMode());
        }
    }

    record ResultView(String number, int code, String status) {
        static ResultView of(ParticipantResult result) {
            return new ResultView(result.number(), result.code(), switch (result.code()) {
                case 200 -> "done";
                case 403 -> "refused";
                case 404 -> "not-found";
                case 409 -> "conflict";
                default -> "failed";
            });
        }
    }

    private GroupRoutes() {
    }

    private static boolean lidAddressed(String addressingMode) {
        if (addressingMode == null || addressingMode.equals("pn")) {
            return false;
        }
        if (addressingMode.equals("lid")) {
            return true;
        }
        throw new IllegalArgumentException("addressingMode must be pn or lid");
    }

    static List<Route> routes(ChatServer server, BodyReader reader) {
        var groups = server.groups();
        return List.of(
                Route.of("POST", "/api/groups", (parameters, body) -> {
                    var request = reader.read(body, CreateGroup.class);
                    var created = groups.create(required(request.from()), request.subject(),
                            request.participants() == null ? List.of() : request.participants(), lidAddressed(request.addressingMode()));
                    return ApiResponse.created(Map.of("group", GroupView.of(created.group()),
                            "participants", created.participants().stream().map(ResultView::of).toList()));
                }),
                Route.of("POST", "/api/groups/join", (parameters, body) -> {
                    var request = reader.read(body, Join.class);
                    return ApiResponse.ok(GroupView.of(groups.join(required(request.from()), request.code())));
                }),
                Route.of("GET", GROUP, (parameters, body) -> ApiResponse.ok(GroupView.of(groups.find(parameters.get(0))
                        .orElseThrow(() -> new NoSuchElementException("No group " + parameters.get(0)))))),
                Route.of("PATCH", GROUP, (parameters, body) -> update(groups, parameters.get(0), reader.read(body, UpdateGroup.class))),
                Route.of("POST", GROUP + "/participants", (parameters, body) -> {
                    var request = reader.read(body, ChangeParticipants.class);
                    return ApiResponse.ok(groups.changeParticipants(required(request.from()), parameters.get(0),
                            String.valueOf(request.action()), request.participants() == null ? List.of() : request.participants())
                            .stream().map(ResultView::of).toList());
                }),
                Route.of("POST", GROUP + "/leave", (parameters, body) -> {
                    groups.leave(required(reader.read(body, Actor.class).from()), parameters.get(0));
                    return ApiResponse.ok(GroupView.of(groups.find(parameters.get(0)).orElseThrow()));
                }),
                Route.of("PUT", GROUP + "/picture", (parameters, body) -> {
                    var request = reader.read(body, Picture.class);
                    if (request.data() == null) {
                        throw new IllegalArgumentException("data (the picture's JPEG bytes, base64) is required");
                    }
                    server.changeGroupPicture(required(request.from()), parameters.get(0), Base64.getMimeDecoder().decode(request.data()));
                    return ApiResponse.ok(GroupView.of(groups.find(parameters.get(0)).orElseThrow()));
                }),
                Route.of("DELETE", GROUP + "/picture", (parameters, body) -> {
                    server.changeGroupPicture(required(reader.read(body, Actor.class).from()), parameters.get(0), null);
                    return ApiResponse.ok(GroupView.of(groups.find(parameters.get(0)).orElseThrow()));
                }),
                Route.of("POST", GROUP + "/invite-code", (parameters, body) -> ApiResponse.ok(Map.of("code",
                        groups.inviteCode(required(reader.read(body, Actor.class).from()), parameters.get(0))))),
                Route.of("POST", GROUP + "/invite-code/revoke", (parameters, body) -> ApiResponse.ok(Map.of("code",
                        groups.revokeInviteCode(required(reader.read(body, Actor.class).from()), parameters.get(0))))));
    }

    private static ApiResponse update(Groups groups, String groupId, UpdateGroup request) {
        var actor = required(request.from());
        if (request.subject() != null) {
            groups.setSubject(actor, groupId, request.subject());
        }
        if (request.description() != null) {
            groups.setDescription(actor, groupId, request.description());
        }
        if (request.announce() != null) {
            groups.setAnnounce(actor, groupId, request.announce());
        }
        if (request.locked() != null) {
            groups.setLocked(actor, groupId, request.locked());
        }
        if (request.joinApproval() != null) {
            groups.setJoinApproval(actor, groupId, request.joinApproval());
        }
        if (request.memberAddMode() != null) {
            groups.setMemberAddMode(actor, groupId, request.memberAddMode());
        }
        if (request.ephemeralSeconds() != null) {
            groups.setEphemeral(actor, groupId, request.ephemeralSeconds());
        }
        return ApiResponse.ok(GroupView.of(groups.find(groupId).orElseThrow()));
    }

    private static String required(String from) {
        if (from == null || from.isBlank()) {
            throw new IllegalArgumentException("from (the acting phone's number) is required");
        }
        return from;
    }
}
