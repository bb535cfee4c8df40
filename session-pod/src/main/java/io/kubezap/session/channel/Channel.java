package io.kubezap.session.channel;

import io.kubezap.session.engine.ChannelInfo;

/**
 * A channel as the API shows it, with the names WAHA uses: {@code id} ({@code …@newsletter}), {@code invite} (its link),
 * {@code inviteCode} (the link's last part), {@code role} the account's ({@code OWNER}, {@code ADMIN},
 * {@code SUBSCRIBER}, or {@code GUEST} when it does not follow it).
 */
public record Channel(String id, String name, String description, String invite, String inviteCode, String picture,
                      boolean verified, String role, Long subscribersCount, boolean muted) {

    static final String LINK = "https://whatsapp.com/channel/";

    static Channel of(ChannelInfo info) {
        return new Channel(info.jid(), info.name(), info.description(), info.invite() == null ? null : LINK + info.invite(),
                info.invite(), info.picture(), info.verified(), info.role(), info.subscribers(), info.muted());
    }
}
