package io.kubezap.session.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubezap.contract.PasskeyChallenge;
import io.kubezap.contract.Problem;
import io.kubezap.contract.SessionApi;
import io.kubezap.contract.SessionState;
import io.kubezap.session.passkey.PasskeyLinking;
import io.kubezap.session.problem.ApiException;
import io.kubezap.session.state.SessionStateMachine;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.Base64;
import java.util.Map;

/**
 * Passkey linking: the challenge WhatsApp asks the account's owner to sign (while the phase is
 * {@code WaitingForPasskey}), and the answer, a WebAuthn assertion as {@code PublicKeyCredential.toJSON()} gives it.
 */
@Path(SessionApi.SESSION + "/pairing/passkey")
@Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
@Tag(name = "Session")
public class PasskeyResource {

    /** {@code PublicKeyCredential.toJSON()} of an assertion: binary fields base64url. */
    public record PasskeyAssertion(String id, @NotBlank String rawId, @NotBlank String type, @NotNull @Valid AssertionResponse response,
                                   String authenticatorAttachment, Map<String, Object> clientExtensionResults) {
    }

    public record AssertionResponse(@NotBlank String clientDataJSON, @NotBlank String authenticatorData, @NotBlank String signature,
                                    String userHandle) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SessionStateMachine state;
    private final PasskeyLinking linking;

    public PasskeyResource(SessionStateMachine state, PasskeyLinking linking) {
        this.state = state;
        this.linking = linking;
    }

    @GET
    @Operation(operationId = "getPasskeyChallenge", summary = "The passkey challenge WhatsApp waits on (phase WaitingForPasskey): run navigator.credentials.get() with its requestOptions in a tab on web.whatsapp.com; 404 none")
    public PasskeyChallenge challenge() {
        SessionState current = state.current();
        if (current.passkey() == null) {
            throw ApiException.notFound("WhatsApp asks for no passkey now (phase " + current.phase() + ")");
        }
        return current.passkey();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "answerPasskeyChallenge", summary = "Answer WhatsApp's passkey challenge with the assertion (PublicKeyCredential.toJSON()); the link then completes. 422 refused (answer again), 410 expired (a new challenge follows), 409 none asked")
    public SessionState answer(PasskeyAssertion assertion) {
        PasskeyAssertion checked = BodyConstraints.check(assertion);
        if (!"public-key".equals(checked.type())) {
            throw ApiException.invalid("type", "must be public-key");
        }
        base64Url("rawId", checked.rawId());
        base64Url("response.clientDataJSON", checked.response().clientDataJSON());
        base64Url("response.authenticatorData", checked.response().authenticatorData());
        base64Url("response.signature", checked.response().signature());
        linking.answer(checked.rawId(), json(checked));
        return state.current();
    }

    private static void base64Url(String field, String value) {
        try {
            Base64.getUrlDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid(field, "must be base64url (as PublicKeyCredential.toJSON() gives it)");
        }
    }

    private static String json(PasskeyAssertion assertion) {
        try {
            return JSON.writeValueAsString(assertion);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("An assertion record always serializes", e);
        }
    }
}
