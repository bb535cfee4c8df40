package io.kubezap.helm;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@code helm install} prints (NOTES.txt): one short command for each first step a new user takes through the
 * gateway — the dashboard, the admin key, the QR code drawn in the terminal (no qrencode), a first message.
 */
class NotesTest {

    private final KubezapChart chart = KubezapChart.inModule();

    @Test
    void theNotesSayHowToReachTheDashboardScanTheQrAndSendAFirstMessage() {
        String notes = chart.notes(Map.of("watchNamespaces[0]", "shop"));

        assertThat(notes)
                .contains("kubectl port-forward -n kubezap-system svc/kubezap-gateway 8080:8080")
                .contains("kubectl get secret -n kubezap-system-gateway-keys kubezap-gateway-admin-key -o jsonpath='{.data.key}' | base64 -d")
                .contains("localhost:8080/api/v1/namespaces/shop/sessions/loja-01/qr?format=terminal")
                .contains("localhost:8080/api/v1/namespaces/shop/sessions/loja-01/messages")
                .doesNotContain("qrencode");
    }

    @Test
    void theNotesNameTheAdminKeySecretTheUserBrought() {
        assertThat(chart.notes(Map.of("gateway.adminKey.existingSecret", "admin-from-vault")))
                .contains("kubectl get secret -n kubezap-system-gateway-keys admin-from-vault");
    }
}
