package io.kubezap.session.api;

import io.kubezap.contract.Problem;
import io.kubezap.contract.SessionApi;
import io.kubezap.session.business.BusinessProfileRequest;
import io.kubezap.session.business.BusinessProfiles;
import io.kubezap.session.business.Catalogs;
import io.kubezap.session.engine.CatalogPage;
import io.kubezap.session.engine.ContactProfile;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The account as a WhatsApp Business account (Evolution's {@code fetchBusinessProfile}, GOWA's {@code business-profile}). */
@Path(SessionApi.SESSION)
@Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Business")
public class BusinessResource {

    /** Evolution's and Baileys' page size by default; WhatsApp's apps ask for pages this size. */
    private static final int CATALOG_PAGE = 10;
    private static final int CATALOG_PAGE_MAX = 100;

    private final BusinessProfiles profiles;
    private final Catalogs catalogs;

    public BusinessResource(BusinessProfiles profiles, Catalogs catalogs) {
        this.profiles = profiles;
        this.catalogs = catalogs;
    }

    @GET
    @Path("profile/business")
    @Operation(operationId = "getBusinessProfile", summary = "The account's business profile as WhatsApp shows it: description, address, email, "
            + "websites, categories, hours {timezone, days: [{day, mode, openTime, closeTime}]}; 404 for a personal account")
    public ContactProfile.Business read() {
        return profiles.read();
    }

    @PUT
    @Path("profile/business")
    @Operation(operationId = "setBusinessProfile", summary = "Change the business profile as the Business app does: any of description, address "
            + "(256 characters each), email, websites (1–2 http(s) addresses), hours {timezone, days: [{day: sun…sat, mode: specific_hours "
            + "(openTime, closeTime: minutes after midnight) | open_24h | appointment_only}]} replaces WhatsApp's, the rest stay; categories "
            + "are chosen in the Business app (WhatsApp keeps them as its own ids); 409 for a personal account; answers the profile")
    public ContactProfile.Business change(BusinessProfileRequest request) {
        return profiles.change(request);
    }

    @GET
    @Path("business/catalog")
    @Operation(operationId = "getCatalog", summary = "A page of a business's catalog as WhatsApp shows it (Evolution getCatalog, Baileys getCatalog): "
            + "jid (default: the account's own, hidden products included), limit (1–100, default 10), cursor (the previous page's nextCursor); "
            + "{products: [{id, name, description, price (thousandths of the currency's unit, as WhatsApp writes it), currency, retailerId, "
            + "url, imageUrl, hidden}], nextCursor (null on the last page)}; 404 for an account without a catalog")
    public CatalogPage catalog(@QueryParam("jid") String jid, @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        return catalogs.page(QueryParams.jid("jid", jid).orElse(null), QueryParams.limit(limit, CATALOG_PAGE, CATALOG_PAGE_MAX),
                QueryParams.text(cursor).orElse(null));
    }
}
