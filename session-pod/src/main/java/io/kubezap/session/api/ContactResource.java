package io.kubezap.session.api;

import io.kubezap.contract.Problem.FieldError;
import io.kubezap.contract.Problem;
import io.kubezap.contract.SessionApi;
import io.kubezap.session.contact.Contact;
import io.kubezap.session.contact.BlockList;
import io.kubezap.session.contact.ContactDetail;
import io.kubezap.session.contact.ContactProfiles;
import io.kubezap.session.contact.ContactRepository;
import jakarta.ws.rs.core.Response;
import io.kubezap.session.contact.NumberChecks;
import io.kubezap.contract.Jid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import java.util.ArrayList;
import io.kubezap.session.presence.Presence;
import io.kubezap.session.presence.PresenceRepository;
import io.kubezap.session.problem.ApiException;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.Map;

@Path(SessionApi.SESSION + "/contacts")
@Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
@Tag(name = "Contacts")
public class ContactResource {

    private final ContactRepository contacts;
    private final PresenceRepository presences;
    private final NumberChecks checks;
    private final BlockList blockList;
    private final ContactProfiles profiles;

    public ContactResource(ContactRepository contacts, PresenceRepository presences, NumberChecks checks, BlockList blockList,
                           ContactProfiles profiles) {
        this.contacts = contacts;
        this.profiles = profiles;
        this.blockList = blockList;
        this.presences = presences;
        this.checks = checks;
    }

    /** {@code POST /contacts/check}: up to 50 phone numbers. */
    public record CheckRequest(List<String> numbers) {
    }

    @POST
    @Path("check")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "checkNumbers", summary = "Which phone numbers are on WhatsApp (up to 50): {items: [{number, exists, jid, cached}]}; answers are cached and asking WhatsApp is paced (429 with Retry-After beyond the pace)")
    public Map<String, List<NumberChecks.Result>> check(CheckRequest request) {
        List<String> given = BodyConstraints.check(request).numbers();
        List<String> numbers = given == null ? List.of() : given;
        if (numbers.isEmpty() || numbers.size() > NumberChecks.MAX_PER_REQUEST) {
            throw ApiException.invalid("numbers", "must hold 1 to " + NumberChecks.MAX_PER_REQUEST + " phone numbers");
        }
        List<FieldError> errors = new ArrayList<>();
        List<String> digits = new ArrayList<>();
        for (int i = 0; i < numbers.size(); i++) {
            try {
                digits.add(Jid.phoneDigits(numbers.get(i)));
            } catch (IllegalArgumentException bad) {
                errors.add(new FieldError("numbers[" + i + "]", bad.getMessage()));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        return Map.of("items", checks.check(digits));
    }

    @GET
    @Path("blocked")
    @Operation(operationId = "listBlockedContacts", summary = "The account's block list, as WhatsApp keeps it")
    public Map<String, List<String>> blocked() {
        return Map.of("items", blockList.blocked());
    }

    @POST
    @Path("{jid}/block")
    @Operation(operationId = "blockContact", summary = "Block a contact: their messages and calls no longer reach the account")
    public Map<String, Object> block(@PathParam("jid") String jid) {
        return blockList.block(QueryParams.requiredJid("jid", jid), true);
    }

    @POST
    @Path("{jid}/unblock")
    @Operation(operationId = "unblockContact", summary = "Unblock a contact")
    public Map<String, Object> unblock(@PathParam("jid") String jid) {
        return blockList.block(QueryParams.requiredJid("jid", jid), false);
    }

    @GET
    @Path("{jid}/presence")
    @Operation(operationId = "getContactPresence", summary = "A contact's latest presence (subscribe with POST /presence/subscribe); 404 when none was heard")
    public Presence presence(@PathParam("jid") String jid) {
        String normalized = QueryParams.requiredJid("jid", jid);
        return presences.find(normalized)
                .orElseThrow(() -> ApiException.notFound("No presence heard from " + normalized + " yet; subscribe first"));
    }

    @GET
    @Operation(operationId = "listContacts", summary = "People the session knows (who wrote to it, who is in its groups, whom the owner saved on the phone) with their names, most recently heard of first; "
            + "q: only those whose name, number or JID holds it; limit/offset: a page (nextOffset when there may be more)")
    public Map<String, Object> list(@QueryParam("q") String text, @QueryParam("limit") String limit, @QueryParam("offset") String offset) {
        int pageSize = QueryParams.limit(limit, MessageResource.DEFAULT_LIMIT, MessageResource.MAX_LIMIT);
        int skipped = QueryParams.offset(offset);
        List<Contact> page = contacts.search(QueryParams.text(text).orElse(null), pageSize, skipped);
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("items", page);
        body.put("nextOffset", page.size() < pageSize ? null : skipped + page.size());
        return body;
    }

    @GET
    @Path("{jid}")
    @Operation(operationId = "getContact", summary = "A contact with its WhatsApp profile: about, profile picture (id, URL, API path to its bytes), business profile; "
            + "404 when neither the session nor WhatsApp knows it")
    public ContactDetail detail(@PathParam("jid") String jid) {
        return profiles.detail(QueryParams.requiredJid("jid", jid));
    }

    @GET
    @Path("{jid}/picture")
    @Produces({"image/jpeg", Problem.MEDIA_TYPE})
    @Operation(operationId = "getContactPicture", summary = "The contact's profile picture (JPEG), kept after the first download until it changes; 404 without one")
    public Response picture(@PathParam("jid") String jid) {
        return PictureResponses.jpeg(profiles.picture(QueryParams.requiredJid("jid", jid)));
    }
}
