/**
 * The Cobalt 0.0.10 adapter: the only code of the session pod that imports Cobalt.
 *
 * <p>{@link io.kubezap.session.engine.cobalt.CobaltEngine} is a thin facade over the port; the connection's life
 * (client generations, pairing, login, logout, ban, shutdown flush) is
 * {@link io.kubezap.session.engine.cobalt.ConnectionLifecycle}'s, on one
 * {@link io.kubezap.session.engine.cobalt.EngineThread}, and what Cobalt reports
 * ({@link io.kubezap.session.engine.cobalt.CobaltEventBridge}) becomes engine events in
 * {@link io.kubezap.session.engine.cobalt.InboundDispatch}. Small parts each own one thing Cobalt lacks: {@link io.kubezap.session.engine.cobalt.ReconnectWatchdog} (reconnect with backoff and
 * jitter), {@link io.kubezap.session.engine.cobalt.FailureClassifier} (logged out / banned / transient
 * from {@code failure} and {@code stream:error} nodes), {@link io.kubezap.session.engine.cobalt.DevicePairing}
 * (rotating QR over every ref, or pairing code via {@link io.kubezap.session.engine.cobalt.PairingCodeLinker}),
 * {@link io.kubezap.session.engine.cobalt.WebVersion} (no version fetch at start),
 * {@link io.kubezap.session.engine.cobalt.MessageAcknowledgements} (no received message acknowledged to WhatsApp
 * before it is stored, through kubezap-cobalt-patches' replacement of Cobalt's {@code SocketRequest}) and
 * {@link io.kubezap.session.engine.cobalt.KeyStoreDirectory} (key store under {@code KUBEZAP_DATA_DIR/whatsapp},
 * flushed at shutdown, wiped at logout; copied through the {@link io.kubezap.session.engine.KeyStoreMirror} port and
 * restored from it when the volume has none).
 *
 * <p>Cobalt only talks to {@code wss://web.whatsapp.com/ws/chat}. A session with its own proxy sets the store's proxy
 * to the {@link io.kubezap.session.engine.WhatsAppRoute}'s relay (the socket and Cobalt's media transfers use it).
 * Tests and simulators reroute it with the JVM properties {@code https.proxyHost}/{@code https.proxyPort} (HTTP
 * CONNECT) and {@code javax.net.ssl.trustStore}. Key-store files are written by kubezap-cobalt-patches' serializer: encoded from a
 * stable snapshot, beside the target, fsynced, moved atomically, with the previous generation kept for a read that cannot
 * decode the current one.
 */
package io.kubezap.session.engine.cobalt;
