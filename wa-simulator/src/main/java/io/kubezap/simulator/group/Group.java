package io.kubezap.simulator.group;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** One group as the server keeps it; changed only through {@link Groups}, which locks it. */
public final class Group {
    private final String id;
    private final String creator;
    private final Instant creation;
    private final Map<String, GroupRole> participants = new LinkedHashMap<>();
    private final Set<String> formerParticipants = new LinkedHashSet<>();
    private String subject;
    private String subjectOwner;
    private Instant subjectTime;
    private String description;
    private String descriptionId;
    private boolean announce;
    private boolean locked;
    /** Who may add members: {@code admin_add} (admins only) or {@code all_member_add} (every member). */
    private String memberAddMode = Groups.ADMIN_ADD;
    private String inviteCode;
    private long ephemeralSeconds;
    private boolean joinApproval;
    private final Map<String, Instant> joinRequests = new LinkedHashMap<>();
    private GroupPicture picture;
    /** A community (the parent of linked groups), its announcements group, or a group linked to a community. */
    private boolean community;
    private boolean announcementsGroup;
    private String parentId;
    /** WhatsApp addresses the group's members by their LIDs ({@code addressing_mode="lid"}), not by their numbers. */
    private final boolean lidAddressed;

    Group(String id, String creator, String subject, Instant creation, boolean lidAddressed) {
        this.lidAddressed = lidAddressed;
        this.id = id;
        this.creator = creator;
        this.creation = creation;
        this.subject = subject;
        this.subjectOwner = creator;
        this.subjectTime = creation;
    }

    /** The user part of the group's JID: {@code <id>@g.us}. */
    public String id() {
        return id;
    }

    public String jid() {
        return id + "@g.us";
    }

    public boolean lidAddressed() {
        return lidAddressed;
    }

    public String creator() {
        return creator;
    }

    public Instant creation() {
        return creation;
    }

    public synchronized Map<String, GroupRole> participants() {
        return Map.copyOf(participants);
    }

    /** Participants in the order they joined. */
    public synchronized java.util.List<Map.Entry<String, GroupRole>> participantList() {
        return participants.entrySet().stream().map(entry -> Map.entry(entry.getKey(), entry.getValue())).toList();
    }

    public synchronized Optional<GroupRole> role(String number) {
        return Optional.ofNullable(participants.get(number));
    }

    public synchronized String subject() {
        return subject;
    }

    public synchronized String subjectOwner() {
        return subjectOwner;
    }

    public synchronized Instant subjectTime() {
        return subjectTime;
    }

    public synchronized Optional<String> description() {
        return Optional.ofNullable(description);
    }

    public synchronized Optional<String> descriptionId() {
        return Optional.ofNullable(descriptionId);
    }

    public synchronized boolean announce() {
        return announce;
    }

    public synchronized boolean locked() {
        return locked;
    }

    public synchronized String memberAddMode() {
        return memberAddMode;
    }

    synchronized void setMemberAddMode(String mode) {
        this.memberAddMode = mode;
    }

    synchronized Optional<String> inviteCode() {
        return Optional.ofNullable(inviteCode);
    }

    synchronized void setInviteCode(String code) {
        this.inviteCode = code;
    }

    /** Who was in the group and is not now (removed, or left). */
    public synchronized Set<String> formerParticipants() {
        return Set.copyOf(formerParticipants);
    }

    synchronized void put(String number, GroupRole role) {
        participants.put(number, role);
        formerParticipants.remove(number);
    }

    synchronized void remove(String number) {
        if (participants.remove(number) != null) {
            formerParticipants.add(number);
        }
    }

    synchronized void setSubject(String subject, String by, Instant at) {
        this.subject = subject;
        this.subjectOwner = by;
        this.subjectTime = at;
    }

    synchronized void setDescription(String description, String descriptionId) {
        this.description = description;
        this.descriptionId = descriptionId;
    }

    synchronized void setAnnounce(boolean announce) {
        this.announce = announce;
    }

    synchronized void setLocked(boolean locked) {
        this.locked = locked;
    }

    /** A group's picture, kept on the media host as a profile picture is. */
    public record GroupPicture(String id, String url, String directPath) {
    }

    /** How long messages last before they disappear; 0 when they do not. */
    public synchronized long ephemeralSeconds() {
        return ephemeralSeconds;
    }

    synchronized void setEphemeralSeconds(long seconds) {
        this.ephemeralSeconds = seconds;
    }

    /** Whether joining by link waits for an admin's approval. */
    public synchronized boolean joinApproval() {
        return joinApproval;
    }

    synchronized void setJoinApproval(boolean required) {
        this.joinApproval = required;
    }

    /** Who asked to join (by link, while approval is required) and when, oldest first. */
    public synchronized Map<String, Instant> joinRequests() {
        return new LinkedHashMap<>(joinRequests);
    }

    synchronized void addJoinRequest(String number, Instant at) {
        joinRequests.putIfAbsent(number, at);
    }

    synchronized boolean removeJoinRequest(String number) {
        return joinRequests.remove(number) != null;
    }

    public synchronized Optional<GroupPicture> picture() {
        return Optional.ofNullable(picture);
    }

    synchronized void setPicture(GroupPicture picture) {
        this.picture = picture;
    }

    public synchronized boolean community() {
        return community;
    }

    public synchronized boolean announcementsGroup() {
        return announcementsGroup;
    }

    /** The id of the community this group is linked to, if it is. */
    public synchronized Optional<String> parentId() {
        return Optional.ofNullable(parentId);
    }

    synchronized void makeCommunity() {
        this.community = true;
        this.joinApproval = true;
    }

    synchronized void link(String communityId, boolean announcements) {
        this.parentId = communityId;
        this.announcementsGroup = announcements;
    }

    synchronized void unlink() {
        this.parentId = null;
    }
}
