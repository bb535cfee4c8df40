package io.kubezap.simulator.group;

/** A participant's standing in a group, named as WhatsApp's {@code participant type} attribute names it. */
public enum GroupRole {
    MEMBER(null), ADMIN("admin"), SUPERADMIN("superadmin");

    private final String type;

    GroupRole(String type) {
        this.type = type;
    }

    /** The {@code type} attribute of a {@code <participant>}; absent for a plain member. */
    public String type() {
        return type;
    }

    public boolean isAdmin() {
        return this != MEMBER;
    }
}
