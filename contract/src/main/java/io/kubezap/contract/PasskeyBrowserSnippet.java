package io.kubezap.contract;

/**
 * What the account's owner runs in the console of a tab on web.whatsapp.com (the passkey's relying party) to answer
 * a {@link PasskeyChallenge}: it asks the browser for the passkey and prints {@code PublicKeyCredential.toJSON()} as
 * one line, the body {@code POST …/pairing/passkey} takes. {@code kubectl zap link} prints it; the dashboard's
 * {@code passkeySnippet} (gateway, dashboard/sessions.js) builds the same text in the browser (gateway DashboardTest
 * holds the two to the same words). The options go in as {@link PasskeyRequestOptions#canonical} writes them: one JSON
 * object, never the text as it came.
 */
public final class PasskeyBrowserSnippet {

    private PasskeyBrowserSnippet() {
    }

    public static String forChallenge(PasskeyChallenge challenge) {
        return """
                (async () => {
                  const publicKey = PublicKeyCredential.parseRequestOptionsFromJSON(%s);
                  const credential = await navigator.credentials.get({publicKey});
                  console.log(JSON.stringify(credential.toJSON()));
                })();""".formatted(PasskeyRequestOptions.canonical(challenge.requestOptions()));
    }
}
