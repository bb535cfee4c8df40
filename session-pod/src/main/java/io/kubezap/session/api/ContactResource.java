package io.kubezap.session.api;

import io.kubezap.session.contact.Contact;
import io.kubezap.session.contact.ContactRepository;
import io.kubezap.session.presence.Presence;
import io.kubezap.session.presence.PresenceRepository;
import io.kubezap.session.problem.ApiException;
import jakarta.ws.rs.PathParam;
import io.kubezap.session.problem.Problem;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.Map;

@Path(SessionResource.BASE + "/contacts")
@Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
@Tag(name = "Contacts")
public class ContactResource {

    private final ContactRepository contacts;
    private final PresenceRepository presences;

    public ContactResource(ContactRepository contacts, PresenceRepository presences) {
        this.contacts = contacts;
        this.presences = presences;
    }

    @GET
    @Path("{jid}/presence")
    @Operation(summary = "A contact's latest presence (subscribe with POST /presence/subscribe); 404 when none was heard")
    public Presence presence(@PathParam("jid") String jid) {
        String normalized = QueryParams.requiredJid("jid", jid);
        return presences.find(normalized)
                .orElseThrow(() -> ApiException.notFound("No presence heard from " + normalized + " yet; subscribe first"));
    }

    @GET
    @Operation(summary = "People who wrote to this session, with the name they go by, most recently seen first")
    public Map<String, List<Contact>> list(@QueryParam("limit") String limit) {
        return Map.of("items", contacts.recent(QueryParams.limit(limit, MessageResource.DEFAULT_LIMIT, MessageResource.MAX_LIMIT)));
    }
}
