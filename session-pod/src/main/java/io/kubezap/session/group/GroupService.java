package io.kubezap.session.group;

import io.kubezap.session.account.PictureInput;
import io.kubezap.session.contact.ContactProfiles;
import io.kubezap.session.engine.GroupEngine;
import io.kubezap.session.engine.GroupInfo;
import io.kubezap.session.engine.GroupRefusedException;
import io.kubezap.session.jid.Addresses;
import io.kubezap.contract.Jid;
import io.kubezap.session.engine.EngineCalls;
import io.kubezap.session.failure.Failure;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CompletionException;
import java.util.regex.Pattern;

/** The account's groups, administered on WhatsApp's group server; a refusal becomes a problem that says which. */
@Singleton
public class GroupService {
    private static final List<String> ACTIONS = List.of("add", "remove", "promote", "demote");

    private static final Pattern INVITE_LINK = Pattern.compile("(?:https?://)?chat\\.whatsapp\\.com/(?:invite/)?([A-Za-z0-9]+)/?");
    private static final Pattern INVITE_CODE = Pattern.compile("[A-Za-z0-9]{1,64}");
    private static final String LINK_PREFIX = "https://chat.whatsapp.com/";
    private static final String NOT_AN_ADMIN = "not-a-group-admin";

    /** A group's invite code and the link that carries it. */
    public record InviteLink(String code, String link) {
        static InviteLink of(String code) {
            return new InviteLink(code, LINK_PREFIX + code);
        }
    }

    /** WhatsApp's durations for disappearing messages (24 hours, 7 days, 90 days), or 0: they stay. */
    private static final List<Long> EPHEMERAL_SECONDS = List.of(0L, 86_400L, 604_800L, 7_776_000L);
    private static final List<String> MEMBER_ADD_MODES = List.of(GroupInfo.ADMIN_ADD, GroupInfo.ALL_MEMBER_ADD);

    /** Joining by code: the group joined, or (it requires approval) the JID of the group asked to join. */
    public record JoinOutcome(GroupInfo group, String awaitingApprovalOf) {
    }

    private final GroupEngine engine;
    private final GroupSync sync;
    private final GroupRepository stored;
    private final PictureInput pictures;
    private final ContactProfiles profiles;

    public GroupService(GroupEngine engine, GroupSync sync, GroupRepository stored, PictureInput pictures, ContactProfiles profiles) {
        this.engine = engine;
        this.sync = sync;
        this.stored = stored;
        this.pictures = pictures;
        this.profiles = profiles;
    }

    public GroupInfo create(String subject, List<String> participants) {
        if (subject == null || subject.isBlank()) {
            throw Failure.invalid("subject", "must not be empty");
        }
        return kept(call(engine.create(subject.strip(), userJids("participants", participants)), null));
    }

    /** Asks WhatsApp and stores what it says; a group the account is no longer in is forgotten. */
    public GroupInfo get(String groupJid) {
        var group = groupJid(groupJid);
        try {
            return kept(call(engine.metadata(group), group));
        } catch (Failure notIn) {
            if (notIn.kind() == Failure.Kind.NOT_FOUND) {
                sync.forget(group);
            }
            throw notIn;
        }
    }

    /** The stored groups the account is in, by subject. */
    public List<GroupSummary> list(int limit, int offset) {
        return stored.page(limit, offset);
    }

    /** Admins only. */
    public InviteLink inviteLink(String groupJid, boolean revoke) {
        var group = groupJid(groupJid);
        return InviteLink.of(call(engine.inviteCode(group, revoke), group));
    }

    /**
     * Joins by invite code or link ({@code https://chat.whatsapp.com/<code>}); answers the group joined, or only its JID
     * when the group requires an admin's approval (the account asked to join).
     */
    public JoinOutcome join(String codeOrLink) {
        var code = inviteCode(codeOrLink);
        var joining = call(engine.join(code), "the group of invite code " + code);
        if (joining.awaitingApproval()) {
            return new JoinOutcome(null, joining.groupJid());
        }
        return new JoinOutcome(kept(call(engine.metadata(joining.groupJid()), joining.groupJid())), null);
    }

    /** The group an invite code or link opens, as WhatsApp shows it before joining. */
    public GroupInfo invitePreview(String codeOrLink) {
        var code = inviteCode(codeOrLink);
        return call(engine.invitePreview(code), "the group of invite code " + code);
    }

    /** The group's new picture ({@link PictureInput}); any member may unless the group is locked. */
    public GroupInfo setPicture(String groupJid, String data, String url) {
        var group = groupJid(groupJid);
        call(engine.setPicture(group, pictures.squareJpeg(data, url)), group);
        return kept(call(engine.metadata(group), group));
    }

    public void removePicture(String groupJid) {
        var group = groupJid(groupJid);
        call(engine.setPicture(group, null), group);
    }

    /** The group's picture as a file (kept like a contact's); 404 without one. */
    public java.nio.file.Path picture(String groupJid) {
        return profiles.picture(groupJid(groupJid));
    }

    /** Who asks to join (admins only), oldest first. */
    public List<GroupInfo.JoinRequest> joinRequests(String groupJid) {
        var group = groupJid(groupJid);
        return call(engine.joinRequests(group), group);
    }

    /** Body {@code {"approve"|"reject": [jids]}}: answered per participant. */
    public List<Map<String, Object>> answerJoinRequests(String groupJid, Map<String, List<String>> request) {
        var group = groupJid(groupJid);
        var actions = request == null ? List.<String>of() : request.keySet().stream().filter(List.of("approve", "reject")::contains).toList();
        if (actions.size() != 1) {
            throw Failure.invalid("action", "give exactly one of approve, reject with a list of participants");
        }
        var approve = actions.getFirst().equals("approve");
        var outcomes = call(engine.answerJoinRequests(group, approve, userJids(actions.getFirst(), request.get(actions.getFirst()))), group);
        return outcomes.stream().map(outcome -> Map.<String, Object>of("jid", outcome.jid(), "code", outcome.code(),
                "status", outcome.code() == 200 ? (approve ? "approved" : "rejected") : outcome.code() == 404 ? "no-request" : "failed"))
                .toList();
    }

    /** Body {@code {"add"|"remove"|"promote"|"demote": [jids]}}: one action per request, answered per participant. */
    public List<Map<String, Object>> changeParticipants(String groupJid, Map<String, List<String>> request) {
        var group = groupJid(groupJid);
        var actions = request == null ? List.<String>of() : request.keySet().stream().filter(ACTIONS::contains).toList();
        if (actions.size() != 1) {
            throw Failure.invalid("action", "give exactly one of add, remove, promote, demote with a list of participants");
        }
        var action = actions.getFirst();
        var outcomes = call(engine.changeParticipants(group, action, userJids(action, request.get(action))), group);
        return outcomes.stream().map(outcome -> Map.<String, Object>of("jid", outcome.jid(), "code", outcome.code(),
                "status", status(action, outcome.code()))).toList();
    }

    /** What {@code PATCH /groups/{jid}} may change; null fields stay. */
    public record Changes(String subject, String description, Boolean announce, Boolean locked, Long ephemeralSeconds,
                          Boolean joinApproval, String memberAddMode) {
    }

    /** Changes what is given (null fields stay); answers the group as WhatsApp has it after. */
    public GroupInfo update(String groupJid, Changes changes) {
        var group = groupJid(groupJid);
        String subject = changes.subject();
        String description = changes.description();
        Boolean announce = changes.announce();
        Boolean locked = changes.locked();
        if (subject == null && description == null && announce == null && locked == null && changes.ephemeralSeconds() == null
                && changes.joinApproval() == null && changes.memberAddMode() == null) {
            throw Failure.invalid("body", "give at least one of subject, description, announce, locked, ephemeralSeconds, joinApproval, "
                    + "memberAddMode");
        }
        if (changes.memberAddMode() != null && !MEMBER_ADD_MODES.contains(changes.memberAddMode())) {
            throw Failure.invalid("memberAddMode", "must be admin_add (only admins add members) or all_member_add (every member may)");
        }
        if (subject != null && subject.isBlank()) {
            throw Failure.invalid("subject", "must not be empty");
        }
        if (changes.ephemeralSeconds() != null && !EPHEMERAL_SECONDS.contains(changes.ephemeralSeconds())) {
            throw Failure.invalid("ephemeralSeconds", "must be one of WhatsApp's durations: 86400 (24 h), 604800 (7 days), "
                    + "7776000 (90 days), or 0 (off)");
        }
        var applied = new ArrayList<String>();
        try {
            if (subject != null) {
                asEditor(engine.setSubject(group, subject.strip()), group, "subject");
                applied.add("subject");
            }
            if (description != null) {
                asEditor(engine.setDescription(group, description.isBlank() ? null : description), group, "description");
                applied.add("description");
            }
            if (announce != null) {
                call(engine.setAnnounce(group, announce), group);
                applied.add("announce");
            }
            if (locked != null) {
                call(engine.setLocked(group, locked), group);
                applied.add("locked");
            }
            if (changes.ephemeralSeconds() != null) {
                call(engine.setEphemeral(group, changes.ephemeralSeconds()), group);
                applied.add("ephemeralSeconds");
            }
            if (changes.joinApproval() != null) {
                call(engine.setJoinApproval(group, changes.joinApproval()), group);
                applied.add("joinApproval");
            }
            if (changes.memberAddMode() != null) {
                call(engine.setMemberAddMode(group, changes.memberAddMode()), group);
                applied.add("memberAddMode");
            }
        } catch (Failure refused) {
            throw applied.isEmpty() ? refused : refused.withDetail("; already applied: " + String.join(", ", applied));
        }
        return kept(call(engine.metadata(group), group));
    }

    public void leave(String groupJid) {
        var group = groupJid(groupJid);
        call(engine.leave(group), group);
        sync.forget(group);
    }

    /** Stores the group as WhatsApp just described it, and answers it. */
    GroupInfo kept(GroupInfo group) {
        return sync.store(group);
    }

    static String inviteCode(String raw) {
        var value = raw == null ? "" : raw.strip();
        var link = INVITE_LINK.matcher(value);
        var code = link.matches() ? link.group(1) : value;
        if (!INVITE_CODE.matcher(code).matches()) {
            throw Failure.invalid("code", "must be an invite code or a https://chat.whatsapp.com/<code> link, got '" + value + "'");
        }
        return code;
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

    static String groupJid(String raw) {
        Jid jid;
        try {
            jid = Jid.parse(raw);
        } catch (IllegalArgumentException invalid) {
            throw Failure.invalid("jid", invalid.getMessage());
        }
        if (!jid.server().equals("g.us")) {
            throw Failure.invalid("jid", "is not a group JID (…@g.us): '" + raw + "'");
        }
        return jid.toString();
    }

    static List<String> userJids(String field, List<String> raw) {
        if (raw == null || raw.isEmpty()) {
            throw Failure.invalid(field, "must list at least one participant");
        }
        var jids = new ArrayList<String>();
        for (var i = 0; i < raw.size(); i++) {
            try {
                // a member of a LID-addressed group may be named by the LID the group lists: its number once known
                var jid = Jid.parse(Addresses.parseCanonical(raw.get(i)));
                if (!Jid.USER_SERVER.equals(jid.server()) && !Jid.LID_SERVER.equals(jid.server())) {
                    throw new IllegalArgumentException("must be a phone number, a user JID or a LID, got '" + raw.get(i) + "'");
                }
                jids.add(jid.toString());
            } catch (IllegalArgumentException invalid) {
                throw Failure.invalid(field + "[" + i + "]", invalid.getMessage());
            }
        }
        return jids;
    }

    /** A change of the group's info ({@code what}): refused to a member who is not an admin when the group is locked. */
    private static void asEditor(CompletionStage<Void> stage, String group, String what) {
        try {
            call(stage, group);
        } catch (Failure refused) {
            if (!NOT_AN_ADMIN.equals(refused.slug())) {
                throw refused;
            }
            throw new Failure(Failure.Kind.FORBIDDEN, NOT_AN_ADMIN, "Not an admin of the group", "WhatsApp refused to change the "
                    + what + ": only admins can change the info of " + group + ", which its admins locked, and the account is not one");
        }
    }

    static <T> T call(CompletionStage<T> stage, String group) {
        return EngineCalls.await(stage.exceptionally(failure -> {
            throw failure instanceof CompletionException wrapped && wrapped.getCause() != null
                    ? asProblem(wrapped.getCause(), group) : asProblem(failure, group);
        }));
    }

    private static RuntimeException asProblem(Throwable failure, String group) {
        if (failure instanceof GroupRefusedException refused) {
            return switch (refused.code()) {
                case 403 -> new Failure(Failure.Kind.NOT_FOUND, "not-a-group-member", "Not a member of the group",
                        "The account is not a participant of " + group);
                case 401 -> new Failure(Failure.Kind.FORBIDDEN, NOT_AN_ADMIN, "Not an admin of the group",
                        "Only the group's admins may do this in " + group);
                case 404 -> new Failure(Failure.Kind.NOT_FOUND, "group-not-found", "No such group", "WhatsApp knows no group " + group);
                case 406 -> new Failure(Failure.Kind.NOT_FOUND, "invite-code-not-found", "No such invite code",
                        "No group has this invite code; ask an admin for the group's link");
                case 409 -> new Failure(Failure.Kind.CONFLICT, "already-a-group-member", "Already a member of the group",
                        "The account is already a participant of " + group);
                case 410 -> new Failure(Failure.Kind.GONE, "invite-code-revoked", "Invite code revoked",
                        "An admin replaced this invite code; ask for the group's new link");
                default -> new Failure(Failure.Kind.REFUSED, "group-request-refused", "WhatsApp refused the group request",
                        refused.code() + " " + refused.getMessage());
            };
        }
        return failure instanceof RuntimeException runtime ? runtime : new CompletionException(failure);
    }
}
