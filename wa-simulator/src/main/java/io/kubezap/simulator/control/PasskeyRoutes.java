package io.kubezap.simulator.control;

import io.kubezap.simulator.passkey.AccountPasskey;
import io.kubezap.simulator.phone.PhoneDirectory;
import io.kubezap.simulator.stream.ChatServer;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * The control API's passkeys: an account's owner protects linking with a passkey, and answers a challenge the way a
 * browser tab on {@code web.whatsapp.com} would ({@code navigator.credentials.get()}, then {@code toJSON()}).
 */
final class PasskeyRoutes {
    private static final String PASSKEY = "/api/phones/([0-9]+)/passkey";

    /** {@code challenge}: base64url, as the request options carry it; {@code origin}: the page (web.whatsapp.com when absent). */
    record AssertionRequest(String challenge, String origin) {
    }

    private PasskeyRoutes() {
    }

    static List<Route> routes(PhoneDirectory phones, ChatServer server, GroupRoutes.BodyReader reader) {
        return List.of(
                Route.of("PUT", PASSKEY, (parameters, body) -> ApiResponse.created(view(server,
                        server.passkeys().protect(phone(phones, parameters.get(0)))))),
                Route.of("GET", PASSKEY, (parameters, body) -> ApiResponse.ok(view(server, passkey(server, parameters.get(0))))),
                Route.of("POST", PASSKEY + "/assertions", (parameters, body) -> {
                    var request = reader.read(body, AssertionRequest.class);
                    var challenge = Optional.ofNullable(request.challenge()).filter(text -> !text.isBlank())
                            .orElseThrow(() -> new IllegalArgumentException("challenge (base64url) is required"));
                    return ApiResponse.ok(passkey(server, parameters.get(0)).assertion(Base64.getUrlDecoder().decode(challenge),
                            Optional.ofNullable(request.origin()).orElse(AccountPasskey.ORIGIN)));
                }),
                Route.of("POST", PASSKEY + "/challenges/expire", (parameters, body) -> {
                    server.expirePasskeyChallenges(parameters.get(0));
                    return ApiResponse.accepted(Map.of("expired", true));
                }));
    }

    private static String phone(PhoneDirectory phones, String number) {
        return phones.find(number).orElseThrow(() -> new NoSuchElementException("No phone " + number)).number();
    }

    private static AccountPasskey passkey(ChatServer server, String number) {
        return server.passkeys().of(number).orElseThrow(() -> new NoSuchElementException(number + " has no passkey"));
    }

    private static Map<String, Object> view(ChatServer server, AccountPasskey passkey) {
        var view = new LinkedHashMap<String, Object>();
        view.put("credentialId", passkey.credentialIdBase64Url());
        view.put("rpId", AccountPasskey.RP_ID);
        view.put("signCount", passkey.signCount());
        view.put("pendingChallenge", server.pendingPasskeyChallenge(passkey.phoneNumber())
                .map(Base64.getUrlEncoder().withoutPadding()::encodeToString).orElse(null));
        return view;
    }
}
