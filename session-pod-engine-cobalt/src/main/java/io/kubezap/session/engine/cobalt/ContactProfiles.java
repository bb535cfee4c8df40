package io.kubezap.session.engine.cobalt;

import io.kubezap.cobalt.media.MediaTransfer;
import io.kubezap.cobalt.media.WhatsAppMediaHosts;
import io.kubezap.session.engine.BusinessHours;
import io.kubezap.session.engine.ContactProfile;
import io.kubezap.session.engine.MediaUnavailableException;
import io.kubezap.session.engine.SendFailedException;
import it.auties.whatsapp.api.Whatsapp;
import it.auties.whatsapp.model.business.BusinessCategory;
import it.auties.whatsapp.model.business.BusinessProfile;
import it.auties.whatsapp.model.response.UserAboutResponse;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * A contact's profile, by the three queries WhatsApp's clients make: the about text (usync {@code status}), the picture's
 * URL ({@code w:profile:picture}; WhatsApp answers 404 when there is none or privacy hides it) and the business profile
 * ({@code w:biz}). The picture itself is a plain JPEG on WhatsApp's CDN.
 */
final class ContactProfiles {

    /** Profile pictures are small JPEGs (WhatsApp serves at most 640x640); anything larger is not one. */
    private static final long PICTURE_MAX_BYTES = 5L << 20;

    private final Executor executor;

    ContactProfiles(Executor executor) {
        this.executor = executor;
    }

    CompletionStage<ContactProfile> profile(Whatsapp client, String jid) {
        if (!connected(client)) {
            return notConnected();
        }
        try {
            var contact = OutgoingMessageBuilder.jid(jid);
            var about = client.queryAbout(contact);
            var picture = client.queryPicture(contact).exceptionally(ContactProfiles::noPicture);
            var business = client.queryBusinessProfile(contact).exceptionally(ignored -> Optional.empty());
            return CompletableFuture.allOf(about, picture, business).thenApply(ignored -> profile(
                    about.join(), picture.join(), business.join()));
        } catch (RuntimeException refused) {
            return CompletableFuture.failedFuture(new SendFailedException("Profile not asked: " + refused, true, refused));
        }
    }

    CompletionStage<Optional<ContactProfile.Picture>> picture(Whatsapp client, String jid) {
        if (!connected(client)) {
            return notConnected();
        }
        try {
            return client.queryPicture(OutgoingMessageBuilder.jid(jid)).exceptionally(ContactProfiles::noPicture)
                    .thenApply(url -> url.map(found -> new ContactProfile.Picture(pictureId(found), found.toString())));
        } catch (RuntimeException refused) {
            return CompletableFuture.failedFuture(new SendFailedException("Picture not asked: " + refused, true, refused));
        }
    }

    private static boolean connected(Whatsapp client) {
        return client != null && client.isConnected() && client.store().jid().isPresent();
    }

    private static <T> CompletionStage<T> notConnected() {
        return CompletableFuture.failedFuture(new SendFailedException("WhatsApp is not connected", true, null));
    }

    CompletionStage<Void> fetchPicture(String url, Path target, URI proxy) {
        return CompletableFuture.runAsync(() -> {
            var partial = target.resolveSibling(target.getFileName() + ".part");
            try {
                MediaTransfer.downloadMedia(WhatsAppMediaHosts.locate(url, null), proxy, PICTURE_MAX_BYTES,
                        body -> Files.copy(body, partial, StandardCopyOption.REPLACE_EXISTING));
                Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException | RuntimeException failed) {
                deleteQuietly(partial);
                throw new MediaUnavailableException("The profile picture could not be fetched: " + failed.getMessage(), failed);
            }
        }, executor);
    }

    /** WhatsApp answers a picture query with an error when there is no picture, or privacy hides it. */
    private static Optional<URI> noPicture(Throwable refused) {
        return Optional.empty();
    }

    private static ContactProfile profile(Optional<UserAboutResponse> about, Optional<URI> picture, Optional<BusinessProfile> business) {
        return new ContactProfile(
                about.flatMap(UserAboutResponse::about).orElse(null),
                about.flatMap(UserAboutResponse::timestamp).map(time -> time.toInstant()).orElse(null),
                picture.map(ContactProfiles::pictureId).orElse(null),
                picture.map(URI::toString).orElse(null),
                business.map(ContactProfiles::business).orElse(null));
    }

    /** The picture's id is not in Cobalt's answer; the URL's file name changes with every new picture, like the id. */
    private static String pictureId(URI url) {
        var path = url.getPath();
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private static ContactProfile.Business business(BusinessProfile profile) {
        return new ContactProfile.Business(profile.description().orElse(null), profile.address().orElse(null),
                profile.email().orElse(null), profile.websites().stream().map(URI::toString).toList(),
                profile.categories().stream().map(BusinessCategory::name).flatMap(Optional::stream).toList(),
                profile.hours().map(ContactProfiles::hours).orElse(null));
    }

    /** Cobalt reads a day's times as 0 when its mode has none. */
    private static BusinessHours hours(it.auties.whatsapp.model.business.BusinessHours hours) {
        return new BusinessHours(hours.timeZone(), hours.entries().stream().map(entry -> "specific_hours".equals(entry.mode())
                ? new BusinessHours.OpeningDay(entry.day(), entry.mode(), (int) entry.openTime(), (int) entry.closeTime())
                : new BusinessHours.OpeningDay(entry.day(), entry.mode(), null, null)).toList());
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // nothing to keep either way
        }
    }
}
