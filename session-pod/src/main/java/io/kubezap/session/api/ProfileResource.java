package io.kubezap.session.api;

import io.kubezap.contract.Problem;
import io.kubezap.contract.SessionApi;
import io.kubezap.session.account.AccountProfile;
import io.kubezap.session.account.OwnProfile;
import io.kubezap.session.account.PrivacySettings;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.Map;

/** The linked account itself, with the names WAHA gives these endpoints ({@code /profile}, {@code /profile/name}, …). */
@Path(SessionApi.SESSION)
@Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Profile")
public class ProfileResource {

    /** {@code PUT /profile/name}. */
    public record Name(String name) {
    }

    /** {@code PUT /profile/status}: the about text. */
    public record Status(String status) {
    }

    /** {@code PUT /profile/picture}: {@code {"file": {"data": "<base64>"}}} or {@code {"file": {"url": "https://…"}}}. */
    public record Picture(File file) {
        public record File(String data, String url, String mimetype) {
        }

        /** The file given, or an empty one (which the service refuses, naming what is missing). */
        static File of(Picture request) {
            return request == null || request.file() == null ? new File(null, null, null) : request.file();
        }
    }

    private final AccountProfile profile;
    private final PrivacySettings privacy;

    public ProfileResource(AccountProfile profile, PrivacySettings privacy) {
        this.profile = profile;
        this.privacy = privacy;
    }

    @GET
    @Path("profile")
    @Operation(operationId = "getProfile", summary = "The account as WhatsApp shows it to others: jid, phoneNumber, pushName, about, aboutSetAt, picture, "
            + "business (a business account's profile, else null)")
    public OwnProfile read() {
        return profile.read();
    }

    @PUT
    @Path("profile/name")
    @Operation(operationId = "setProfileName", summary = "Change the account's push name (1–25 characters); answers the profile")
    public OwnProfile rename(Name request) {
        return profile.rename(request == null ? null : request.name());
    }

    @PUT
    @Path("profile/status")
    @Operation(operationId = "setProfileStatus", summary = "Change the account's about text (1–139 characters); answers the profile")
    public OwnProfile about(Status request) {
        return profile.setAbout(request == null ? null : request.status());
    }

    @PUT
    @Path("profile/picture")
    @Operation(operationId = "setProfilePicture", summary = "Change the account's profile picture: file.data (base64) or file.url of an image; it is cut to a "
            + "centred square JPEG of at most 640 px; answers the profile")
    public OwnProfile picture(Picture request) {
        var file = Picture.of(request);
        return profile.setPicture(file.data(), file.url());
    }

    @DELETE
    @Path("profile/picture")
    @Operation(operationId = "removeProfilePicture", summary = "Remove the account's profile picture")
    public Response removePicture() {
        profile.removePicture();
        return Response.noContent().build();
    }

    @GET
    @Path("profile/picture")
    @Produces({"image/jpeg", Problem.MEDIA_TYPE})
    @Operation(operationId = "getProfilePicture", summary = "The account's profile picture (JPEG); 404 without one")
    public Response pictureBytes() {
        return PictureResponses.jpeg(profile.picture());
    }

    @GET
    @Path("privacy")
    @Operation(operationId = "getPrivacySettings", summary = "The account's privacy settings as WhatsApp keeps them: {last, online, profile, status, groupadd, "
            + "readreceipts, calladd, …}")
    public Map<String, String> privacy() {
        return privacy.read();
    }

    @PATCH
    @Path("privacy")
    @Operation(operationId = "updatePrivacySettings", summary = "Change privacy settings ({\"last\": \"contacts\", \"online\": \"match_last_seen\", …}: WhatsApp's "
            + "values per category); answers all of them as WhatsApp keeps them after")
    public Map<String, String> changePrivacy(Map<String, String> changes) {
        return privacy.change(changes);
    }
}
