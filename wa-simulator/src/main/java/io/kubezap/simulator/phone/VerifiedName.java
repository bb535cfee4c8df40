package io.kubezap.simulator.phone;

import io.kubezap.simulator.protobuf.ProtobufWriter;
import it.auties.curve25519.Curve25519;

import java.time.Instant;

/**
 * A business account's verified name as WhatsApp attaches it to the account's messages ({@code <verified_name>}): a
 * {@code VerifiedNameCertificate} — {@code details} (1: serial 1, issuer 2, verifiedName 4, issueTime 10) and the
 * {@code signature} (2) over them. The simulator signs with the account's key and leaves the server's signature out.
 */
public record VerifiedName(long serial, String name, byte[] certificate) {

    public static VerifiedName issue(long serial, String name, Instant issued, byte[] accountPrivateKey) {
        var details = new ProtobufWriter().uint64(1, serial).string(2, "smb:wa").string(4, name)
                .uint64(10, issued.getEpochSecond()).toByteArray();
        var signature = Curve25519.sign(accountPrivateKey, details);
        return new VerifiedName(serial, name, new ProtobufWriter().bytes(1, details).bytes(2, signature).toByteArray());
    }
}
