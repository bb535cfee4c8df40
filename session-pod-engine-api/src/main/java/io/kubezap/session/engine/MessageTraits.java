package io.kubezap.session.engine;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What WhatsApp shows about a message beyond its content, in either direction: marked forwarded (with how many times,
 * {@code forwardingScore}; WhatsApp shows "forwarded many times" from 5), opened once only ({@code viewOnce}, for
 * images, videos and voice notes), the preview card of a link in a text ({@code linkPreview}, or null), for a
 * status its look and audience ({@code statusPost}, or null), and for a channel's post the number WhatsApp gave it
 * in the channel ({@code channelServerId}, what reactions to it name; or null), and in a chat with disappearing messages
 * the seconds it lasts ({@code ephemeralExpiration}, WhatsApp's {@code contextInfo.expiration}; or null), and for a photo
 * or video of an album the id of the album's first message ({@code albumId}, WhatsApp's
 * {@code messageContextInfo.messageAssociation} of type {@code MEDIA_ALBUM}; or null), and for a photo or video sent in HD
 * ({@code hd}) that the HD original went with the standard copy (WhatsApp's second message, associated to the first as
 * {@code HD_IMAGE_DUAL_UPLOAD} or {@code HD_VIDEO_DUAL_UPLOAD}).
 */
public record MessageTraits(boolean forwarded,
                            @JsonInclude(JsonInclude.Include.NON_DEFAULT) int forwardingScore,
                            boolean viewOnce,
                            @JsonInclude(JsonInclude.Include.NON_NULL) LinkPreview linkPreview,
                            @JsonInclude(JsonInclude.Include.NON_NULL) StatusPost statusPost,
                            @JsonInclude(JsonInclude.Include.NON_NULL) Long channelServerId,
                            @JsonInclude(JsonInclude.Include.NON_NULL) Integer ephemeralExpiration,
                            @JsonInclude(JsonInclude.Include.NON_NULL) String albumId,
                            @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean hd) {

    public static final MessageTraits NONE = new MessageTraits(false, 0, false, null);

    @JsonCreator
    public MessageTraits {
    }

    public MessageTraits(boolean forwarded, int forwardingScore, boolean viewOnce, LinkPreview linkPreview, StatusPost statusPost,
                         Long channelServerId, Integer ephemeralExpiration, String albumId) {
        this(forwarded, forwardingScore, viewOnce, linkPreview, statusPost, channelServerId, ephemeralExpiration, albumId, false);
    }

    public MessageTraits(boolean forwarded, int forwardingScore, boolean viewOnce, LinkPreview linkPreview) {
        this(forwarded, forwardingScore, viewOnce, linkPreview, null);
    }

    public MessageTraits(boolean forwarded, int forwardingScore, boolean viewOnce, LinkPreview linkPreview,
                         StatusPost statusPost) {
        this(forwarded, forwardingScore, viewOnce, linkPreview, statusPost, null);
    }

    public MessageTraits(boolean forwarded, int forwardingScore, boolean viewOnce, LinkPreview linkPreview,
                         StatusPost statusPost, Long channelServerId) {
        this(forwarded, forwardingScore, viewOnce, linkPreview, statusPost, channelServerId, null);
    }

    public MessageTraits(boolean forwarded, int forwardingScore, boolean viewOnce, LinkPreview linkPreview,
                         StatusPost statusPost, Long channelServerId, Integer ephemeralExpiration) {
        this(forwarded, forwardingScore, viewOnce, linkPreview, statusPost, channelServerId, ephemeralExpiration, null);
    }

    /** A copy of a message with these traits, forwarded once more. */
    public MessageTraits forwardedOnceMore() {
        return new MessageTraits(true, forwardingScore + 1, false, linkPreview, null);
    }

    public MessageTraits withLinkPreview(LinkPreview preview) {
        return new MessageTraits(forwarded, forwardingScore, viewOnce, preview, statusPost, channelServerId, ephemeralExpiration, albumId, hd);
    }

    public MessageTraits withViewOnce(boolean once) {
        return new MessageTraits(forwarded, forwardingScore, once, linkPreview, statusPost, channelServerId, ephemeralExpiration, albumId, hd);
    }

    /** A photo or video of the album whose first message is {@code albumFirstId} (null: of none). */
    public MessageTraits inAlbum(String albumFirstId) {
        return new MessageTraits(forwarded, forwardingScore, viewOnce, linkPreview, statusPost, channelServerId, ephemeralExpiration,
                albumFirstId, hd);
    }

    /** A photo or video whose HD original goes (or went) with its standard copy. */
    public MessageTraits inHd(boolean inHd) {
        return new MessageTraits(forwarded, forwardingScore, viewOnce, linkPreview, statusPost, channelServerId, ephemeralExpiration,
                albumId, inHd);
    }

    public MessageTraits withStatus(StatusPost post) {
        return new MessageTraits(forwarded, forwardingScore, viewOnce, linkPreview, post, channelServerId);
    }

    public MessageTraits inChannel(long serverId) {
        return new MessageTraits(forwarded, forwardingScore, viewOnce, linkPreview, statusPost, serverId, ephemeralExpiration, albumId, hd);
    }

    /** Sent or received in a chat whose messages disappear after {@code seconds} (0 or null: they stay). */
    public MessageTraits expiringAfter(Integer seconds) {
        return new MessageTraits(forwarded, forwardingScore, viewOnce, linkPreview, statusPost, channelServerId,
                seconds == null || seconds == 0 ? null : seconds, albumId, hd);
    }

    @JsonIgnore
    public boolean isNone() {
        return equals(NONE);
    }
}
