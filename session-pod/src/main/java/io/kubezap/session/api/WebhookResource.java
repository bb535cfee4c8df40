package io.kubezap.session.api;

import io.kubezap.contract.Problem;
import io.kubezap.contract.SessionApi;
import io.kubezap.session.webhook.Delivery;
import io.kubezap.session.webhook.DeliveryRepository;
import io.kubezap.session.webhook.DeliveryStatus;
import io.kubezap.session.webhook.WebhookEndpoints;
import io.kubezap.session.webhook.WebhookTester;
import io.kubezap.session.webhook.WebhookView;
import io.kubezap.session.config.AdminEgressLists;
import io.kubezap.session.event.EventSignal;
import io.kubezap.session.api.QueryParams;
import io.kubezap.session.problem.ApiException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

@Path(SessionApi.SESSION + "/webhooks")
@Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
@Tag(name = "Webhooks")
public class WebhookResource {

    private static final int DEFAULT_LIMIT = 100;
    private static final int MAX_LIMIT = 500;

    private final DeliveryRepository deliveries;
    private final EventSignal signal;
    private final WebhookTester tester;
    private final WebhookEndpoints endpoints;
    private final AdminEgressLists admin;

    public WebhookResource(DeliveryRepository deliveries, EventSignal signal, WebhookTester tester,
                           WebhookEndpoints endpoints, AdminEgressLists admin) {
        this.deliveries = deliveries;
        this.signal = signal;
        this.tester = tester;
        this.endpoints = endpoints;
        this.admin = admin;
    }

    public record TestRequest(String url) {
    }

    @GET
    @Operation(operationId = "listWebhooks", summary = "The configured webhooks: URL (query and credentials masked), events, filter, header names, auth kind (never a secret), whether signed, and why the egress rules refuse one (with the setting that allows it)")
    public Map<String, List<WebhookView>> endpoints() {
        return Map.of("items", endpoints.views(admin));
    }

    @GET
    @Path("/deliveries")
    @Operation(operationId = "listWebhookDeliveries", summary = "Webhook deliveries, newest first: attempts, last status code and error, next attempt")
    public Map<String, List<Delivery>> list(@QueryParam("status") String status, @QueryParam("event") String event,
                                            @QueryParam("limit") String limit) {
        Optional<DeliveryStatus> wanted = QueryParams.oneOf("status", status, WebhookResource::statusOf,
                "pending, delivered, failed");
        return Map.of("items", deliveries.list(wanted, QueryParams.text(event), QueryParams.limit(limit, DEFAULT_LIMIT, MAX_LIMIT)));
    }

    @GET
    @Path("/deliveries/{id}")
    @Operation(operationId = "getWebhookDelivery", summary = "One delivery")
    public Delivery get(@PathParam("id") String id) {
        return deliveries.find(id).orElseThrow(() -> ApiException.notFound("no webhook delivery " + id));
    }

    @POST
    @Path("/deliveries/{id}/retry")
    @Operation(operationId = "retryWebhookDelivery", summary = "Queue a failed (or delivered) delivery again, with the same webhook-id")
    public Response retry(@PathParam("id") String id) {
        get(id);
        if (!deliveries.requeue(id, Instant.now())) {
            throw ApiException.conflict("delivery-pending", "Delivery still pending",
                    "delivery " + id + " is still pending; it is retried automatically");
        }
        signal.wake();
        return Response.accepted(get(id)).build();
    }

    @POST
    @Path("/test")
    @Operation(operationId = "testWebhook", summary = "Send a signed webhook.test event to one endpoint (body {\"url\": ...}) or all, and report the outcome")
    public Map<String, List<WebhookTester.Result>> test(TestRequest request) {
        return Map.of("results", tester.test(Optional.ofNullable(request).map(TestRequest::url).flatMap(QueryParams::text)));
    }

    private static Optional<DeliveryStatus> statusOf(String value) {
        return Arrays.stream(DeliveryStatus.values()).filter(s -> s.column().equals(value)).findFirst();
    }
}
