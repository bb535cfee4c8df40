package io.kubezap.session.engine.cobalt;

import io.kubezap.session.engine.ChannelEngine;
import io.kubezap.session.engine.ChannelInfo;
import io.kubezap.session.engine.ChannelPost;
import io.kubezap.session.engine.ChannelRefusedException;
import io.kubezap.session.engine.MessageIds;
import it.auties.whatsapp.api.Whatsapp;
import it.auties.whatsapp.model.node.Node;
import io.kubezap.session.host.scope.PerSession;
import jakarta.enterprise.inject.Typed;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * Channels through the queries WhatsApp's clients send ({@link NewsletterQueries}, {@link NewsletterMessages}), not
 * Cobalt 0.0.10's channel calls: those need the channel in Cobalt's store (which a follow does not put there), read the
 * followed list wrongly, cannot react (its reactions go the Signal way) and lose WhatsApp's refusals.
 */
@PerSession
@Typed(CobaltChannels.class)
public class CobaltChannels implements ChannelEngine {

    private final Supplier<Whatsapp> clients;
    private final Clock clock = Clock.systemUTC();

    public CobaltChannels(CobaltEngine engine) {
        this.clients = engine::client;
    }

    @Override
    public CompletionStage<List<ChannelInfo>> followed() {
        return mex(NewsletterQueries.Query.SUBSCRIBED, NewsletterQueries.variables()).thenApply(NewsletterQueries::channels);
    }

    @Override
    public CompletionStage<ChannelInfo> create(String name, String description) {
        var variables = NewsletterQueries.variables();
        var input = variables.putObject("input").put("name", name);
        input.put("description", description);
        input.putNull("picture");
        return mex(NewsletterQueries.Query.CREATE, variables).thenApply(NewsletterQueries::channel);
    }

    @Override
    public CompletionStage<ChannelInfo> channel(String jid) {
        return fetch(jid, "JID");
    }

    @Override
    public CompletionStage<ChannelInfo> byInvite(String code) {
        return fetch(code, "INVITE");
    }

    private CompletionStage<ChannelInfo> fetch(String key, String type) {
        var variables = NewsletterQueries.variables();
        variables.putObject("input").put("key", key).put("type", type).put("view_role", "GUEST");
        variables.put("fetch_viewer_metadata", true).put("fetch_full_image", false).put("fetch_creation_time", true);
        return mex(NewsletterQueries.Query.FETCH, variables).thenApply(NewsletterQueries::channel);
    }

    @Override
    public CompletionStage<Void> follow(String jid) {
        return mex(NewsletterQueries.Query.FOLLOW, NewsletterQueries.variables().put("newsletter_id", jid)).thenApply(done -> null);
    }

    @Override
    public CompletionStage<Void> unfollow(String jid) {
        return mex(NewsletterQueries.Query.UNFOLLOW, NewsletterQueries.variables().put("newsletter_id", jid)).thenApply(done -> null);
    }

    @Override
    public CompletionStage<List<ChannelPost>> posts(String jid, int count, Long before) {
        var attributes = new java.util.LinkedHashMap<String, Object>(Map.of("type", "jid", "jid", jid, "count", String.valueOf(count)));
        if (before != null) {
            attributes.put("before", String.valueOf(before));
        }
        var received = clock.instant();
        return refusedAsChannel(ServerIqs.query(clients.get(), ServerIqs.SERVER, NewsletterMessages.SERVER, "get", Map.of(),
                Node.of("messages", attributes))).thenApply(answer -> answer.findChild("messages")
                .map(messages -> messages.listChildren("message")).orElse(List.of())
                .stream().map(post -> NewsletterMessages.post(post, received)).toList());
    }

    @Override
    public CompletionStage<Void> react(String jid, long serverId, String emoji) {
        return NewsletterMessages.send(clients.get(), NewsletterMessages.reaction(jid, MessageIds.next(), serverId, emoji)).thenApply(ack -> null);
    }

    private CompletionStage<com.fasterxml.jackson.databind.JsonNode> mex(NewsletterQueries.Query query,
                                                                        com.fasterxml.jackson.databind.node.ObjectNode variables) {
        return refusedAsChannel(NewsletterQueries.run(clients.get(), query, variables));
    }

    private static <T> CompletionStage<T> refusedAsChannel(CompletionStage<T> call) {
        return call.handle((answer, failure) -> {
            var cause = failure instanceof CompletionException wrapped && wrapped.getCause() != null ? wrapped.getCause() : failure;
            if (cause instanceof ServerIqs.Refused refused) {
                throw new ChannelRefusedException(refused.code(), refused.getMessage());
            }
            if (cause != null) {
                throw cause instanceof RuntimeException runtime ? runtime : new CompletionException(cause);
            }
            return answer;
        });
    }
}
