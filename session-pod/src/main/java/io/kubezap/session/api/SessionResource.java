package io.kubezap.session.api;

import io.kubezap.contract.ExpiringCode;
import io.kubezap.contract.Problem;
import io.kubezap.contract.SessionApi;
import io.kubezap.session.db.Timestamps;
import io.kubezap.contract.Jid;
import io.kubezap.session.problem.ApiException;
import io.kubezap.session.qr.QrRenderer;
import io.kubezap.session.runtime.SessionControl;
import io.kubezap.contract.SessionState;
import io.kubezap.session.state.SessionStateMachine;
import jakarta.validation.constraints.NotBlank;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path(SessionApi.SESSION)
@Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
@Tag(name = "Session")
public class SessionResource {

    private static final java.util.List<String> QR_FORMATS = java.util.List.of("raw", "png", "data_url", "terminal");

    public record PairingCodeRequest(@NotBlank String phoneNumber) {
    }

    private final SessionStateMachine state;
    private final SessionControl control;

    public SessionResource(SessionStateMachine state, SessionControl control) {
        this.state = state;
        this.control = control;
    }

    @GET
    @Operation(operationId = "getSession", summary = "The session's live state (what the operator copies into the resource status)")
    public SessionState get() {
        return state.current();
    }

    @GET
    @Path("qr")
    @Produces({MediaType.TEXT_PLAIN, "image/png", Problem.MEDIA_TYPE})
    @Operation(operationId = "getQrCode", summary = "The current QR code: raw payload, PNG, PNG data URL or terminal text; 404 none, 410 expired")
    public Response qr(@QueryParam("format") @DefaultValue("raw") String format) {
        if (!QR_FORMATS.contains(format)) {
            throw ApiException.invalid("format", "must be one of " + String.join(", ", QR_FORMATS));
        }
        ExpiringCode qr = state.current().qr();
        if (qr == null) {
            throw ApiException.notFound("There is no QR code now (phase " + state.current().phase() + ")");
        }
        if (qr.expiredAt(Timestamps.now())) {
            throw new ApiException(410, "qr-expired", "QR code expired",
                    "The QR code expired at " + qr.expiresAt() + "; a new one follows shortly");
        }
        return switch (format) {
            case "raw" -> text(qr.code());
            case "png" -> Response.ok(QrRenderer.png(qr.code()), "image/png").build();
            case "data_url" -> text(QrRenderer.dataUrl(qr.code()));
            case "terminal" -> text(QrRenderer.terminal(qr.code()));
            default -> throw new IllegalStateException("format checked above: " + format);
        };
    }

    @POST
    @Path("pairing-code")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "requestPairingCode", summary = "Link by pairing code instead of QR; returns the code to type on the phone and its expiry")
    public ExpiringCode pairingCode(PairingCodeRequest request) {
        String digits = QueryParams.parsed("phoneNumber", BodyConstraints.check(request).phoneNumber(), Jid::phoneDigits, null);
        return control.requestPairingCode(digits);
    }

    @POST
    @Path("restart")
    @Operation(operationId = "restartSession", summary = "Drop the connection and connect again, keeping the credentials")
    public Response restart() {
        control.restart();
        return Response.accepted(state.current()).build();
    }

    @POST
    @Path("logout")
    @Operation(operationId = "logout", summary = "Unlink the device from the WhatsApp account and wipe its credentials")
    public SessionState logout() {
        control.logout();
        return state.current();
    }

    private static Response text(String body) {
        return Response.ok(body, MediaType.TEXT_PLAIN_TYPE.withCharset("UTF-8")).build();
    }
}
