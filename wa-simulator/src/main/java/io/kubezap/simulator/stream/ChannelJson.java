package io.kubezap.simulator.stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubezap.simulator.channel.Channel;
import io.kubezap.simulator.group.Group;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * A channel's metadata as WhatsApp's GraphQL answers carry it (the shape whatsmeow's {@code NewsletterMetadata} and
 * Baileys' {@code NewsletterCreateResponse} read): {@code id}, {@code state}, {@code thread_metadata} (numbers as
 * strings: {@code creation_time} in seconds, {@code update_time} in microseconds), and, when asked for,
 * {@code viewer_metadata} (the asker's {@code mute} and {@code role}).
 */
final class ChannelJson {
    static final ObjectMapper JSON = new ObjectMapper();

    private ChannelJson() {
    }

    static ObjectNode metadata(Channel channel, String viewer, boolean withViewer) {
        var node = JSON.createObjectNode();
        node.put("id", channel.jid());
        node.putObject("state").put("type", "ACTIVE");
        var thread = node.putObject("thread_metadata");
        thread.put("creation_time", String.valueOf(channel.creation().getEpochSecond()));
        thread.put("invite", channel.inviteCode());
        text(thread.putObject("name"), channel.name(), channel.nameTime());
        text(thread.putObject("description"), channel.description(), channel.descriptionTime());
        thread.putNull("handle");
        thread.put("subscribers_count", String.valueOf(channel.followers().size()));
        thread.put("verification", channel.verified() ? "VERIFIED" : "UNVERIFIED");
        var picture = channel.picture();
        if (picture.isPresent()) {
            picture(thread.putObject("picture"), picture.get(), "IMAGE");
            picture(thread.putObject("preview"), picture.get(), "PREVIEW");
        } else {
            thread.putNull("picture");
            thread.putNull("preview");
        }
        thread.putObject("settings").putObject("reaction_codes").put("value", "ALL");
        if (withViewer) {
            var viewerMetadata = node.putObject("viewer_metadata");
            viewerMetadata.put("mute", channel.mutedBy(viewer) ? "ON" : "OFF");
            viewerMetadata.put("role", channel.roleOf(viewer).name());
        }
        return node;
    }

    private static void text(ObjectNode node, String text, Instant updated) {
        var micros = String.valueOf(ChronoUnit.MICROS.between(Instant.EPOCH, updated));
        node.put("id", micros);
        node.put("text", text);
        node.put("update_time", micros);
    }

    private static void picture(ObjectNode node, Group.GroupPicture picture, String type) {
        node.put("id", picture.id());
        node.put("type", type);
        node.put("direct_path", picture.directPath());
        node.put("url", picture.url());
    }
}
