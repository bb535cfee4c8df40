package io.kubezap.simulator.control;

import io.kubezap.simulator.content.Presentation;
import io.kubezap.simulator.stream.HostileHistory;
import io.kubezap.simulator.stream.MessageLabels;
import io.kubezap.simulator.media.StoredMedia;
import java.util.Comparator;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.kubezap.simulator.appstate.PhoneAction;
import io.kubezap.simulator.media.MediaType;
import io.kubezap.simulator.phone.OutgoingMedia;
import io.kubezap.simulator.phone.PhoneMessage;
import io.kubezap.simulator.phone.SimulatedPhone;
import io.kubezap.simulator.stream.AnswerFaults;
import io.kubezap.simulator.stream.ChatSession;
import io.kubezap.simulator.stream.Fault;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.Base64;
import java.util.List;
import java.time.Duration;
import java.util.Optional;
import it.auties.whatsapp.model.jid.Jid;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The simulator's control API: HTTP/JSON on loopback, for tests and users to create phones, scan
 * QR codes, inject faults and read what sessions sent. Documented in {@code wa-simulator/README.md}.
 */
public final class ControlApi implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(ControlApi.class.getName());
    private static final String PHONE = "/api/phones/([0-9]+)";
    private static final String DEVICE = PHONE + "/devices/([0-9]+)";

    private final SimulatorParts simulator;
    /** Media arrive base64 in JSON: strings up to the media host's upload limit, not Jackson's default 20 million characters. */
    private static final int MAX_JSON_STRING = 400 << 20;
    private final ObjectMapper json = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(MAX_JSON_STRING).build())
            .build())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private final List<Route> routes;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

    private ControlApi(SimulatorParts simulator, HttpServer server) {
        this.simulator = simulator;
        this.server = server;
        this.routes = java.util.stream.Stream.concat(java.util.stream.Stream.concat(
                java.util.stream.Stream.concat(GroupRoutes.routes(simulator.chatServer(), this::read).stream(),
                        PasskeyRoutes.routes(simulator.phones(), simulator.chatServer(), this::read).stream()),
                java.util.stream.Stream.concat(GroupMessageRoutes.routes(simulator.chatServer(), simulator.phones(), this::read).stream(),
                        java.util.stream.Stream.concat(ChannelRoutes.routes(simulator.chatServer().channels(), this::read).stream(),
                                CatalogRoutes.routes(simulator.chatServer(), this::read).stream()))), java.util.stream.Stream.of(
                Route.of("GET", "/api/health", (parameters, body) -> ApiResponse.ok(Map.of("status", "UP"))),
                Route.of("GET", "/api/info", (parameters, body) -> ApiResponse.ok(info())),
                Route.of("GET", "/api/network", (parameters, body) -> ApiResponse.ok(network())),
                Route.of("PUT", "/api/network", (parameters, body) -> setNetwork(read(body, Views.Network.class))),
                Route.of("GET", "/api/web-version", (parameters, body) -> ApiResponse.ok(webVersion())),
                Route.of("PUT", "/api/web-version", (parameters, body) -> setWebVersion(read(body, Views.WebVersion.class))),
                Route.of("GET", "/api/phones", (parameters, body) -> ApiResponse.ok(simulator.phones().all().stream()
                        .map(phone -> Views.phone(phone, simulator.chatServer())).toList())),
                Route.of("POST", "/api/answer-faults", (parameters, body) -> holdAnswers(read(body, Views.HoldAnswers.class))),
                Route.of("GET", "/api/answer-faults", (parameters, body) -> ApiResponse.ok(simulator.chatServer().answerFaults().holds())),
                Route.of("PUT", "/api/answer-delay", (parameters, body) -> delayAnswers(read(body, Views.AnswerDelay.class))),
                Route.of("DELETE", "/api/answer-faults", (parameters, body) -> {
                    simulator.chatServer().answerFaults().clear();
                    return ApiResponse.accepted(Map.of());
                }),
                Route.of("POST", "/api/phones", (parameters, body) -> createPhone(read(body, Views.CreatePhone.class))),
                Route.of("GET", PHONE, (parameters, body) -> ApiResponse.ok(Views.phone(phone(parameters.get(0)), simulator.chatServer()))),
                Route.of("PATCH", PHONE, (parameters, body) -> rename(parameters.get(0), read(body, Views.Rename.class))),
                Route.of("PUT", PHONE + "/contacts/([0-9]+)", (parameters, body) -> saveContact(parameters.get(0), parameters.get(1),
                        read(body, Views.SaveContact.class))),
                Route.of("GET", PHONE + "/contacts", (parameters, body) -> ApiResponse.ok(phone(parameters.get(0)).savedContacts())),
                Route.of("POST", PHONE + "/appstate/keys", (parameters, body) -> ApiResponse.created(Map.of("keyId",
                        simulator.chatServer().rotateAppStateKey(parameters.get(0), body.length == 0
                                || !Boolean.FALSE.equals(read(body, Views.RotateKey.class).share()))))),
                Route.of("POST", PHONE + "/appstate/keys/share", (parameters, body) -> {
                    simulator.chatServer().shareAppStateKeys(parameters.get(0));
                    return ApiResponse.accepted(Map.of("shared", true));
                }),
                Route.of("POST", PHONE + "/appstate", (parameters, body) -> appStateAction(parameters.get(0),
                        read(body, Views.AppStateAction.class))),
                Route.of("GET", PHONE + "/appstate", (parameters, body) -> ApiResponse.ok(phone(parameters.get(0)).appState().entries())),
                Route.of("PUT", PHONE + "/history", (parameters, body) -> givePastChats(parameters.get(0), read(body, Views.PastChatsRequest.class))),
                Route.of("POST", PHONE + "/forged-history-sync", (parameters, body) -> ApiResponse.accepted(simulator.chatServer()
                        .hostileHistory().forgedByContact(parameters.get(0), read(body, HostileHistory.Forgery.class)))),
                Route.of("POST", PHONE + "/history-bomb", (parameters, body) -> ApiResponse.accepted(simulator.chatServer()
                        .hostileHistory().bombFromPhone(parameters.get(0), read(body, HostileHistory.Bomb.class)))),
                Route.of("GET", PHONE + "/history", (parameters, body) -> ApiResponse.ok(simulator.chatServer().pastChats(parameters.get(0))
                        .stream().map(chat -> Views.pastChat(chat, simulator.phones())).toList())),
                Route.of("PUT", PHONE + "/profile", (parameters, body) -> changeProfile(parameters.get(0), read(body, Views.ProfileChange.class))),
                Route.of("GET", PHONE + "/profile", (parameters, body) -> ApiResponse.ok(Views.profile(phone(parameters.get(0)).profile()))),
                Route.of("GET", PHONE + "/privacy", (parameters, body) -> ApiResponse.ok(phone(parameters.get(0)).privacy().all())),
                Route.of("GET", PHONE + "/disappearing", (parameters, body) -> ApiResponse.ok(phone(parameters.get(0)).disappearing().view())),
                Route.of("PUT", PHONE + "/disappearing", (parameters, body) -> {
                    simulator.chatServer().setDefaultDisappearing(parameters.get(0), Optional.ofNullable(
                            read(body, Views.DisappearingBody.class).seconds()).orElseThrow(() -> new IllegalArgumentException("seconds is required")));
                    return ApiResponse.accepted(phone(parameters.get(0)).disappearing().view());
                }),
                Route.of("PUT", PHONE + "/disappearing/([0-9]+)", (parameters, body) -> update(parameters,
                        phone(parameters.get(0)).setDisappearing(Jid.of(parameters.get(1) + "@s.whatsapp.net"),
                                Optional.ofNullable(read(body, Views.DisappearingBody.class).seconds())
                                        .orElseThrow(() -> new IllegalArgumentException("seconds is required"))))),
                Route.of("GET", PHONE + "/read-on-other-devices", (parameters, body) -> ApiResponse.ok(
                        phone(parameters.get(0)).readOnOtherDevices().stream().sorted().toList())),
                Route.of("POST", PHONE + "/scan", (parameters, body) -> scan(parameters.get(0), read(body, Views.Scan.class))),
                Route.of("POST", PHONE + "/messages", (parameters, body) -> sendMessage(parameters.get(0), read(body, Views.SendMessage.class))),
                Route.of("GET", PHONE + "/messages", (parameters, body) -> ApiResponse.ok(inbox(parameters.get(0)))),
                Route.of("POST", PHONE + "/albums", (parameters, body) -> sendAlbum(parameters.get(0), read(body, Views.SendAlbum.class))),
                Route.of("GET", PHONE + "/albums", (parameters, body) -> ApiResponse.ok(phone(parameters.get(0)).albums())),
                Route.of("POST", PHONE + "/statuses", (parameters, body) -> postStatus(parameters.get(0), read(body, Views.PostStatus.class))),
                Route.of("POST", PHONE + "/simulated-devices", (parameters, body) -> ApiResponse.created(Map.of("deviceId",
                        simulator.chatServer().addSimulatedDevice(phone(parameters.get(0)).number())))),
                Route.of("POST", PHONE + "/simulated-devices/([0-9]+)/decrypt-faults", (parameters, body) -> {
                    phone(parameters.get(0)).simulatedDevice(Integer.parseInt(parameters.get(1)))
                            .orElseThrow(() -> new java.util.NoSuchElementException(parameters.get(0) + " has no device " + parameters.get(1)))
                            .failNextDecrypts(read(body, Views.DecryptFaults.class).count());
                    return ApiResponse.accepted(Map.of("count", read(body, Views.DecryptFaults.class).count()));
                }),
                Route.of("GET", PHONE + "/simulated-devices/([0-9]+)/messages", (parameters, body) -> ApiResponse.ok(
                        simulatedDeviceInbox(parameters.get(0), Integer.parseInt(parameters.get(1))))),
                Route.of("GET", PHONE + "/overheard", (parameters, body) -> ApiResponse.ok(phone(parameters.get(0)).overheard().stream()
                        .map(message -> Views.message(parameters.get(0), message, null)).toList())),
                Route.of("POST", PHONE + "/presence", (parameters, body) -> ApiResponse.accepted(Map.of("state", simulator.chatServer()
                        .presence().announce(parameters.get(0), available(read(body, Views.PresenceBody.class).state())).state()))),
                Route.of("GET", PHONE + "/presence", (parameters, body) -> ApiResponse.ok(new Views.PresenceView(
                        simulator.chatServer().presence().seen(phone(parameters.get(0)).number()).state(),
                        simulator.chatServer().presence().chatStatesSeenBy(parameters.get(0)),
                        simulator.chatServer().presence().chatStateLogOf(parameters.get(0)).stream()
                                .map(seen -> new Views.ChatStateView(seen.from(), seen.state(), seen.at().toString())).toList()))),
                Route.of("POST", PHONE + "/chatstate", (parameters, body) -> chatState(parameters.get(0), read(body, Views.ChatStateBody.class))),
                Route.of("POST", PHONE + "/calls", (parameters, body) -> placeCall(parameters.get(0), read(body, Views.PlaceCall.class))),
                Route.of("POST", PHONE + "/calls/([^/]+)/end", (parameters, body) -> ApiResponse.ok(Views.call(simulator.chatServer().calls()
                        .end(parameters.get(0), parameters.get(1), body.length > 0 && read(body, Views.EndCall.class).timeout())))),
                Route.of("GET", PHONE + "/calls", (parameters, body) -> ApiResponse.ok(phone(parameters.get(0)).calls().stream()
                        .map(Views::call).toList())),
                Route.of("GET", PHONE + "/resends", (parameters, body) -> ApiResponse.ok(phone(parameters.get(0)).resends().stream()
                        .map(Views::resend).toList())),
                Route.of("GET", PHONE + "/decrypt-failures", (parameters, body) -> ApiResponse.ok(phone(parameters.get(0)).decryptFailures()
                        .stream().map(Views::decryptFailure).toList())),
                Route.of("GET", PHONE + "/sent", (parameters, body) -> ApiResponse.ok(phone(parameters.get(0)).messages().stream()
                        .filter(PhoneMessage::sent).map(Views::sent).toList())),
                Route.of("POST", PHONE + "/messages/([^/]+)/edit", (parameters, body) -> update(parameters,
                        phone(parameters.get(0)).edit(parameters.get(1), read(body, Views.EditBody.class).text()))),
                Route.of("POST", PHONE + "/messages/([^/]+)/revoke", (parameters, body) -> update(parameters,
                        phone(parameters.get(0)).revoke(parameters.get(1)))),
                Route.of("POST", PHONE + "/messages/([^/]+)/reactions", (parameters, body) -> update(parameters,
                        phone(parameters.get(0)).react(parameters.get(1), read(body, Views.ReactionBody.class).emoji()))),
                Route.of("POST", PHONE + "/messages/([^/]+)/votes", (parameters, body) -> update(parameters,
                        phone(parameters.get(0)).vote(parameters.get(1), Optional.ofNullable(read(body, Views.VoteBody.class).options())
                                .orElseThrow(() -> new IllegalArgumentException("options (a list, empty to withdraw) is required"))))),
                Route.of("POST", PHONE + "/messages/([^/]+)/responses", (parameters, body) -> update(parameters,
                        phone(parameters.get(0)).respond(parameters.get(1), read(body, Views.ResponseBody.class).response()))),
                Route.of("POST", PHONE + "/messages/([^/]+)/choice", (parameters, body) -> choose(parameters,
                        phone(parameters.get(0)).choose(parameters.get(1), Optional.ofNullable(read(body, Views.ChoiceBody.class).id())
                                .orElseThrow(() -> new IllegalArgumentException("id (the button's or row's id) is required"))))),
                Route.of("GET", PHONE + "/messages/([^/]+)/media", (parameters, body) -> receivedMedia(parameters.get(0), parameters.get(1))),
                Route.of("POST", PHONE + "/messages/([^/]+)/media/download", (parameters, body) -> ApiResponse.ok(Views.message(parameters.get(0),
                        phone(parameters.get(0)).downloadAgain(parameters.get(1), simulator.mediaHost()),
                        addressedAs(phone(parameters.get(0)), parameters.get(1))))),
                Route.of("GET", "/api/media", (parameters, body) -> ApiResponse.ok(simulator.mediaHost().stored().stream()
                        .sorted(Comparator.comparing(StoredMedia::uploadedAt))
                        .map(media -> Views.blob(media, simulator.mediaHost())).toList())),
                Route.of("POST", "/api/media/tamper", (parameters, body) -> tamper(read(body, Views.Tamper.class))),
                Route.of("PUT", "/api/media/history-failures", (parameters, body) -> failHistoryDownloads(
                        read(body, io.kubezap.simulator.media.MediaHost.HistoryFailures.class))),
                Route.of("POST", PHONE + "/receipts", (parameters, body) -> sendReceipt(parameters.get(0), read(body, Views.SendReceipt.class))),
                Route.of("POST", PHONE + "/pairing-code", (parameters, body) -> enterCode(parameters.get(0), read(body, Views.EnterCode.class))),
                Route.of("POST", DEVICE + "/faults", (parameters, body) -> inject(parameters, read(body, Views.InjectFault.class))),
                Route.of("GET", DEVICE + "/nodes", (parameters, body) -> ApiResponse.ok(deviceNodes(parameters))),
                Route.of("GET", DEVICE + "/queue", (parameters, body) -> ApiResponse.ok(simulator.chatServer()
                        .pendingFor(parameters.get(0), Integer.parseInt(parameters.get(1))).stream().map(Views::queued).toList())),
                Route.of("GET", DEVICE + "/history-syncs", (parameters, body) -> ApiResponse.ok(simulator.chatServer()
                        .historySyncsSent(parameters.get(0), Integer.parseInt(parameters.get(1))))),
                Route.of("GET", PHONE + "/privacy-tokens", (parameters, body) -> ApiResponse.ok(simulator.chatServer()
                        .privacyTokensIssuedBy(phone(parameters.get(0)).number()))),
                Route.of("POST", PHONE + "/privacy-tokens/([0-9]+)/expire", (parameters, body) -> {
                    if (!simulator.chatServer().expirePrivacyToken(phone(parameters.get(0)).number(), parameters.get(1))) {
                        throw new java.util.NoSuchElementException(parameters.get(0) + " issued no token to " + parameters.get(1));
                    }
                    return ApiResponse.accepted(Map.of("expired", true));
                }),
                Route.of("GET", PHONE + "/privacy-token-journal", (parameters, body) -> ApiResponse.ok(simulator.chatServer()
                        .privacyTokenJournal(phone(parameters.get(0)).number()))),
                Route.of("GET", PHONE + "/refused-messages", (parameters, body) -> ApiResponse.ok(simulator.chatServer()
                        .refusedMessages(phone(parameters.get(0)).number()))),
                Route.of("PUT", PHONE + "/timelock", (parameters, body) -> {
                    var until = read(body, Views.Timelock.class).until();
                    simulator.chatServer().timelock(phone(parameters.get(0)).number(), until == null ? null : java.time.Instant.parse(until));
                    return ApiResponse.ok(simulator.chatServer().restrictions(parameters.get(0)));
                }),
                Route.of("PUT", PHONE + "/capping", (parameters, body) -> {
                    var total = read(body, Views.NewChatCap.class).total();
                    if (total < 0) {
                        throw new IllegalArgumentException("total must be 0 or more");
                    }
                    simulator.chatServer().capNewChats(phone(parameters.get(0)).number(), total);
                    return ApiResponse.ok(simulator.chatServer().restrictions(parameters.get(0)));
                }),
                Route.of("GET", PHONE + "/restrictions", (parameters, body) -> ApiResponse.ok(simulator.chatServer()
                        .restrictions(phone(parameters.get(0)).number()))),
                Route.of("GET", "/api/connections", (parameters, body) -> ApiResponse.ok(simulator.chatServer().sessions().stream()
                        .map(Views::connection).toList())),
                Route.of("GET", "/api/connections/([0-9]+)/nodes", (parameters, body) -> ApiResponse.ok(connectionNodes(parameters.get(0)))),
                Route.of("GET", "/api/connections/([0-9]+)/sent-nodes", (parameters, body) -> ApiResponse.ok(connection(parameters.get(0)).sent().stream()
                        .map(Views::node).toList())))).toList();
        server.createContext("/", this::handle);
        server.setExecutor(executor);
    }

    public static ControlApi start(SimulatorParts simulator, String bindHost, int port) {
        try {
            var api = new ControlApi(simulator, HttpServer.create(new InetSocketAddress(bindHost, port), 0));
            api.server.start();
            return api;
        } catch (IOException exception) {
            throw new UncheckedIOException("Cannot start the control API on " + bindHost + ":" + port, exception);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String baseUrl() {
        return "http://" + server.getAddress().getHostString() + ":" + port();
    }

    private Map<String, Object> info() {
        return Map.of(
                "proxyHost", simulator.proxyHost(),
                "proxyPort", simulator.proxyPort(),
                "trustStore", simulator.trustStore().toString(),
                "trustStoreType", "PKCS12",
                "trustStorePassword", simulator.trustStorePassword(),
                "javaOptions", simulator.clientJavaOptions(),
                "noiseRootPublicKey", java.util.Base64.getEncoder().encodeToString(simulator.chatServer().noiseRootPublicKey()));
    }

    private ApiResponse createPhone(Views.CreatePhone request) {
        if (request.username() != null && simulator.phones().findByUsername(io.kubezap.simulator.phone.Usernames.valid(request.username())).isPresent()) {
            throw new IllegalStateException("The username @" + io.kubezap.simulator.phone.Usernames.normalized(request.username()) + " is taken");
        }
        var phone = simulator.phones().create(request.number(), request.pushName());
        phone.lidAddressed(Boolean.TRUE.equals(request.lidAddressed()));
        phone.hidesNumber(Boolean.TRUE.equals(request.hidesNumber()));
        if (request.username() != null) {
            simulator.phones().setUsername(phone, request.username());
        }
        return ApiResponse.created(Views.phone(phone, simulator.chatServer()));
    }

    private ApiResponse scan(String number, Views.Scan request) {
        var deviceJid = simulator.chatServer().scan(number, request.qr());
        return ApiResponse.ok(new Views.Paired(deviceJid.toString()));
    }

    private Views.Network network() {
        return new Views.Network(simulator.chatServer().reachable(), simulator.chatServer().refusedConnections());
    }

    private Views.WebVersion webVersion() {
        var versions = simulator.chatServer().webVersions();
        return new Views.WebVersion(versions.current(), versions.minimum());
    }

    private ApiResponse setWebVersion(Views.WebVersion request) {
        var versions = simulator.chatServer().webVersions();
        versions.set(request.current() == null ? versions.current() : request.current(),
                request.minimum() == null ? versions.minimum() : request.minimum());
        return ApiResponse.ok(webVersion());
    }

    private ApiResponse setNetwork(Views.Network request) {
        if (request.reachable() == null) {
            throw new IllegalArgumentException("reachable (true or false) is required");
        }
        simulator.chatServer().setReachable(request.reachable());
        return ApiResponse.ok(network());
    }

    private ApiResponse rename(String number, Views.Rename request) {
        if (request.username() != null) {
            simulator.phones().setUsername(phone(number), request.username());
        }
        if (request.pushName() != null || (request.lidAddressed() == null && request.username() == null)) {
            simulator.chatServer().renamePhone(number, request.pushName());
        }
        if (request.lidAddressed() != null) {
            // WhatsApp moves an account to LID addressing while its chats go on: its next messages come from its LID
            phone(number).lidAddressed(request.lidAddressed());
        }
        return ApiResponse.ok(Views.phone(phone(number), simulator.chatServer()));
    }

    private ApiResponse saveContact(String number, String contactNumber, Views.SaveContact request) {
        simulator.chatServer().saveContact(number, contactNumber, request.fullName(), request.firstName());
        return ApiResponse.ok(phone(number).savedContacts());
    }

    private ApiResponse appStateAction(String number, Views.AppStateAction request) {
        simulator.chatServer().appStateAction(number, phoneAction(request));
        return ApiResponse.accepted(Map.of("action", request.action()));
    }

    private static PhoneAction phoneAction(Views.AppStateAction request) {
        var chat = request.chat() == null || request.chat().contains("@") ? request.chat() : request.chat() + "@s.whatsapp.net";
        var action = request.action() == null ? "" : request.action();
        if (action.equals("remove")) {
            return PhoneAction.remove(Optional.ofNullable(request.index()).orElseThrow(() -> new IllegalArgumentException("index is required")));
        }
        if (chat == null && !action.startsWith("label-")) {
            throw new IllegalArgumentException("chat is required");
        }
        return switch (action) {
            case "archive", "unarchive" -> PhoneAction.archive(chat, action.equals("archive"));
            case "pin", "unpin" -> PhoneAction.pin(chat, action.equals("pin"));
            case "mute" -> PhoneAction.mute(chat, request.muteEnd() == null ? -1 : request.muteEnd());
            case "unmute" -> PhoneAction.mute(chat, 0);
            case "read", "unread" -> PhoneAction.markRead(chat, action.equals("read"));
            case "star", "unstar" -> PhoneAction.star(chat, required(request.messageId(), "messageId"),
                    Boolean.TRUE.equals(request.fromMe()), action.equals("star"));
            case "delete" -> PhoneAction.deleteChat(chat);
            case "clear" -> PhoneAction.clearChat(chat, Boolean.TRUE.equals(request.deleteStarred()));
            case "label-edit", "label-delete" -> PhoneAction.editLabel(required(request.labelId(), "labelId"),
                    request.name() == null ? "" : request.name(), request.color() == null ? 0 : request.color(),
                    action.equals("label-delete"));
            case "label", "unlabel" -> request.messageId() == null
                    ? PhoneAction.labelChat(required(request.labelId(), "labelId"), chat, action.equals("label"))
                    : PhoneAction.labelMessage(required(request.labelId(), "labelId"), chat, request.messageId(),
                    Boolean.TRUE.equals(request.fromMe()), action.equals("label"));
            default -> throw new IllegalArgumentException("unknown action '" + action + "'");
        };
    }

    private static String required(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
        return value;
    }

    private ApiResponse givePastChats(String number, Views.PastChatsRequest request) {
        var chats = simulator.chatServer().givePastChats(number, new io.kubezap.simulator.history.PastChats.Request(
                request.chats(), request.messages(), request.olderMessages(), request.media()), request.messagesPerChunk());
        return ApiResponse.ok(chats.stream().map(chat -> Views.pastChat(chat, simulator.phones())).toList());
    }

    private ApiResponse changeProfile(String number, Views.ProfileChange request) {
        var picture = request.picture() == null ? null : decodeBase64(request.picture());
        return ApiResponse.ok(Views.profile(simulator.chatServer().changeProfile(number, request.about(), picture, request.business())));
    }

    private List<Views.Message> inbox(String number) {
        var phone = phone(number);
        return phone.inbox().stream()
                .map(message -> Views.message(number, message, addressedAs(phone, message.id()),
                        phone.numberAlongside(message.id()).map(Object::toString).orElse(null), phone.findMessage(message.id()).orElse(null)))
                .toList();
    }

    private List<Views.Message> simulatedDeviceInbox(String number, int deviceId) {
        var device = phone(number).simulatedDevice(deviceId)
                .orElseThrow(() -> new NoSuchElementException(number + " has no simulated device " + deviceId));
        return device.inbox().stream().map(message -> Views.message(number, message, null)).toList();
    }

    private static String addressedAs(SimulatedPhone phone, String messageId) {
        return phone.addressedAs(messageId).map(Object::toString).orElse(null);
    }

    private static boolean available(String state) {
        return switch (state == null ? "" : state) {
            case "available" -> true;
            case "unavailable" -> false;
            default -> throw new IllegalArgumentException("state is available or unavailable, got " + state);
        };
    }

    private ApiResponse chatState(String number, Views.ChatStateBody request) {
        if (request.to() == null) {
            throw new IllegalArgumentException("to (the chat's other number) is required");
        }
        simulator.chatServer().presence().chatState(number, request.to(), request.state());
        return ApiResponse.accepted(Map.of("to", request.to(), "state", request.state()));
    }

    private ApiResponse placeCall(String number, Views.PlaceCall request) {
        if (request.to() == null) {
            throw new IllegalArgumentException("to (the number to call) is required");
        }
        return ApiResponse.accepted(Views.call(simulator.chatServer().calls().call(number, request.to(), Boolean.TRUE.equals(request.video()))));
    }

    private ApiResponse update(List<String> parameters, SimulatedPhone.Update update) {
        var id = simulator.chatServer().messages().sendUpdate(parameters.get(0), update);
        return ApiResponse.accepted(new Views.UpdateSent(id, parameters.get(1)));
    }

    /** A choice is a message of its own in the chat, quoting the one chosen from. */
    private ApiResponse choose(List<String> parameters, SimulatedPhone.Update choice) {
        var id = simulator.chatServer().messages().sendContent(parameters.get(0), choice.to().user(), choice.message(), MessageLabels.text());
        return ApiResponse.accepted(new Views.UpdateSent(id, parameters.get(1)));
    }

    private ApiResponse sendMessage(String number, Views.SendMessage request) {
        if ((request.type() == null || request.type().equals("text")) && request.preview() != null) {
            var message = Presentation.textWithPreview(request.text(), request.preview());
            var id = simulator.chatServer().messages().sendContent(number, request.to(), message, MessageLabels.text());
            return ApiResponse.accepted(new Views.TextSent(id));
        }
        if (request.type() == null || request.type().equals("text")) {
            var id = simulator.chatServer().messages().sendText(number, request.to(), request.text(), request.quotedMessageId());
            return ApiResponse.accepted(new Views.TextSent(id));
        }
        var content = ContentRequests.of(request);
        if (content.isPresent()) {
            var id = simulator.chatServer().messages().sendContent(number, request.to(), content.get().message(), content.get().labels());
            return ApiResponse.accepted(new Views.TextSent(id));
        }
        var type = MediaType.fromId(request.type()).orElseThrow(() -> new IllegalArgumentException(
                "type is text, location, contact, poll, image, video, audio, voice, document or sticker, got " + request.type()));
        var media = Optional.ofNullable(request.media())
                .orElseThrow(() -> new IllegalArgumentException("A " + type.id() + " message needs media: {data, mimeType, fileName}"));
        var outgoing = new OutgoingMedia(type, decodeBase64(media.data()), media.mimeType(), media.fileName(), request.caption(),
                request.quotedMessageId(), media.dimensions(),
                new OutgoingMedia.Locator(media.url(), media.directPath(), media.fileLength()), Boolean.TRUE.equals(request.viewOnce()));
        if (request.hdMedia() != null) {
            // in HD, as the apps send it: media the standard copy, hdMedia the original
            var original = new OutgoingMedia(type, decodeBase64(request.hdMedia().data()), request.hdMedia().mimeType(), null,
                    request.caption(), null, request.hdMedia().dimensions());
            return ApiResponse.accepted(simulator.chatServer().messages().sendInHd(number, request.to(), outgoing, original));
        }
        var id = simulator.chatServer().messages().sendMedia(number, request.to(), outgoing);
        return ApiResponse.accepted(new Views.TextSent(id));
    }

    private ApiResponse sendAlbum(String number, Views.SendAlbum request) {
        if (request.items() == null) {
            throw new IllegalArgumentException("items (two or more images and videos) is required");
        }
        var items = request.items().stream().map(item -> {
            var type = MediaType.fromId(item.type()).orElseThrow(() -> new IllegalArgumentException(
                    "an album's item is an image or a video, got " + item.type()));
            var media = Optional.ofNullable(item.media())
                    .orElseThrow(() -> new IllegalArgumentException("An album's " + type.id() + " needs media: {data, mimeType}"));
            return new OutgoingMedia(type, decodeBase64(media.data()), media.mimeType(), null, item.caption(), null, media.dimensions());
        }).toList();
        return ApiResponse.accepted(simulator.chatServer().messages().sendAlbum(number, request.to(), items));
    }

    /** A phone posts a text (with its background colour and font), image or video status to its contacts. */
    private ApiResponse postStatus(String number, Views.PostStatus request) {
        var type = request.type() == null ? "text" : request.type();
        var statuses = simulator.chatServer().statuses();
        if (type.equals("text")) {
            if (request.text() == null || request.text().isBlank()) {
                throw new IllegalArgumentException("A text status needs a text");
            }
            var background = request.backgroundColor() == null ? 0xFF1E6E4F
                    : Integer.parseUnsignedInt(request.backgroundColor().replaceFirst("^#", ""), 16);
            var message = Presentation.textStatus(request.text(), background, request.font() == null ? 0 : request.font());
            return ApiResponse.accepted(new Views.TextSent(statuses.post(number, request.to(), message, "text")));
        }
        var kind = MediaType.fromId(type).filter(media -> media == MediaType.IMAGE || media == MediaType.VIDEO)
                .orElseThrow(() -> new IllegalArgumentException("A status is text, image or video, got " + type));
        var media = Optional.ofNullable(request.media())
                .orElseThrow(() -> new IllegalArgumentException("A " + type + " status needs media: {data, mimeType}"));
        var outgoing = new OutgoingMedia(kind, decodeBase64(media.data()), media.mimeType(), null, request.caption(), null,
                media.dimensions());
        var message = simulator.chatServer().messages().mediaMessage(phone(number), outgoing);
        return ApiResponse.accepted(new Views.TextSent(statuses.post(number, request.to(), message, "media")));
    }

    private static byte[] decodeBase64(String data) {
        return decodeBase64(data, "media.data");
    }

    /** {@code data} (MIME base64, null passes), or a 400 naming the {@code field} that is not base64. */
    static byte[] decodeBase64(String data, String field) {
        if (data == null) {
            return null;
        }
        try {
            return Base64.getMimeDecoder().decode(data);
        } catch (IllegalArgumentException exception) {
            throw new IllegalArgumentException(field + " is not base64: " + exception.getMessage());
        }
    }

    private ApiResponse receivedMedia(String number, String messageId) {
        var message = phone(number).findReceived(messageId)
                .orElseThrow(() -> new NoSuchElementException(number + " received no message " + messageId));
        var media = Optional.ofNullable(message.media())
                .orElseThrow(() -> new NoSuchElementException("Message " + messageId + " has no media"));
        if (!media.isAccepted()) {
            throw new IllegalStateException("The phone rejected this media: " + media.rejection());
        }
        var contentType = media.mimeType() == null ? media.type().defaultMimeType() : media.mimeType();
        return ApiResponse.ok(new ApiResponse.Raw(contentType, media.data()));
    }

    private ApiResponse failHistoryDownloads(io.kubezap.simulator.media.MediaHost.HistoryFailures failures) {
        simulator.mediaHost().failHistoryDownloads(failures);
        return ApiResponse.ok(Map.of("times", simulator.mediaHost().historyFailuresLeft()));
    }

    private ApiResponse tamper(Views.Tamper request) {
        if (request.nextUpload()) {
            simulator.mediaHost().tamperNextUpload(request.part());
            return ApiResponse.accepted(Map.of("nextUpload", true, "part", request.part() == null ? "mac" : request.part()));
        }
        if (request.directPath() == null) {
            throw new IllegalArgumentException("directPath (a stored blob) or nextUpload: true is required");
        }
        return ApiResponse.ok(Views.blob(simulator.mediaHost().tamper(request.directPath(), request.part()), simulator.mediaHost()));
    }

    private ApiResponse sendReceipt(String number, Views.SendReceipt request) {
        var type = switch (request.type() == null ? "delivery" : request.type()) {
            case "delivery", "delivered" -> "delivery";
            case "read" -> "read";
            case "played" -> "played";
            case "retry" -> "retry";
            default -> throw new IllegalArgumentException("A receipt type is delivery, read, played or retry, got " + request.type());
        };
        if (type.equals("retry")) {
            if (request.to() == null || !request.to().matches("[0-9]+")) {
                throw new IllegalArgumentException("A retry receipt needs to: the number of the account whose companions get it");
            }
            simulator.chatServer().messages().sendRetryReceipt(number, request.messageId(), request.to());
            return ApiResponse.accepted(Map.of("messageId", request.messageId(), "type", type));
        }
        simulator.chatServer().messages().sendReceipt(number, request.messageId(), type.equals("delivery") ? null : type);
        return ApiResponse.accepted(Map.of("messageId", request.messageId(), "type", type));
    }

    private ApiResponse enterCode(String number, Views.EnterCode request) {
        var ref = simulator.chatServer().enterPairingCode(number, request.code());
        return ApiResponse.accepted(new Views.CodeEntered(ref));
    }

    private ApiResponse holdAnswers(Views.HoldAnswers request) {
        var lateBy = Optional.ofNullable(request.lateByMillis()).map(Duration::ofMillis);
        int times = request.times() == null ? 1 : request.times();
        if (AnswerFaults.SUCCESS.equals(request.stanza())) {
            simulator.chatServer().answerFaults().holdLogins(lateBy, times);
        } else {
            simulator.chatServer().answerFaults().hold(request.xmlns(), request.child(), lateBy, times);
        }
        return ApiResponse.accepted(request);
    }

    private ApiResponse delayAnswers(Views.AnswerDelay request) {
        simulator.chatServer().answerFaults().delayEveryAnswer(Duration.ofMillis(request.millis()));
        return ApiResponse.accepted(request);
    }

    private ApiResponse inject(List<String> parameters, Views.InjectFault request) {
        var fault = Fault.fromId(request.type());
        var deviceId = Integer.parseInt(parameters.get(1));
        simulator.chatServer().inject(parameters.get(0), deviceId, fault);
        var device = simulator.phones().findDevice(parameters.get(0), deviceId).orElseThrow();
        return ApiResponse.accepted(new Views.FaultInjected(device.jid().toString(), fault.id()));
    }

    private List<Views.NodeView> deviceNodes(List<String> parameters) {
        var device = simulator.phones().findDevice(parameters.get(0), Integer.parseInt(parameters.get(1)))
                .orElseThrow(() -> new NoSuchElementException("No device " + parameters.get(1) + " linked to " + parameters.get(0)));
        return simulator.chatServer().sessions().stream()
                .filter(session -> session.deviceJid().filter(device.jid()::equals).isPresent())
                .flatMap(session -> session.received().stream())
                .map(Views::node)
                .toList();
    }

    private List<Views.NodeView> connectionNodes(String id) {
        return connection(id).received().stream().map(Views::node).toList();
    }

    private ChatSession connection(String id) {
        return simulator.chatServer().session(Long.parseLong(id))
                .orElseThrow(() -> new NoSuchElementException("No connection " + id));
    }

    private io.kubezap.simulator.phone.SimulatedPhone phone(String number) {
        return simulator.phones().find(number).orElseThrow(() -> new NoSuchElementException("No phone " + number));
    }

    private <T> T read(byte[] body, Class<T> type) {
        try {
            if (body.length == 0) {
                throw new IllegalArgumentException("A JSON body is required");
            }
            return json.readValue(body, type);
        } catch (JsonProcessingException exception) {
            throw new IllegalArgumentException("The body is not valid JSON for " + type.getSimpleName() + ": " + exception.getOriginalMessage());
        } catch (IOException exception) {
            throw new UncheckedIOException(exception);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            var path = exchange.getRequestURI().getPath();
            var method = exchange.getRequestMethod();
            var body = exchange.getRequestBody().readAllBytes();
            var response = dispatch(method, path, body);
            if (response.body() instanceof ApiResponse.Raw raw) {
                exchange.getResponseHeaders().set("Content-Type", raw.contentType());
                exchange.sendResponseHeaders(response.status(), raw.data().length);
                exchange.getResponseBody().write(raw.data());
                return;
            }
            var problem = response.body() instanceof ApiProblem;
            byte[] bytes;
            try {
                bytes = json.writeValueAsBytes(response.body());
            } catch (JsonProcessingException unwritable) {
                // an answer that cannot be written is the simulator's fault: say so rather than drop the connection
                LOG.log(Level.WARNING, "Control API answer not writable", unwritable);
                response = problem(500, "Internal Server Error", "The answer could not be written: " + unwritable.getOriginalMessage());
                problem = true;
                bytes = json.writeValueAsBytes(response.body());
            }
            exchange.getResponseHeaders().set("Content-Type", problem ? "application/problem+json" : "application/json");
            exchange.sendResponseHeaders(response.status(), bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }

    private ApiResponse dispatch(String method, String path, byte[] body) {
        for (var route : routes) {
            var parameters = route.match(method, path);
            if (parameters.isPresent()) {
                return invoke(route, parameters.get(), body);
            }
        }
        var known = routes.stream().anyMatch(route -> route.matchesPath(path));
        return known
                ? problem(405, "Method Not Allowed", method + " is not supported on " + path)
                : problem(404, "Not Found", "No resource at " + path);
    }

    private ApiResponse invoke(Route route, List<String> parameters, byte[] body) {
        try {
            return route.handler().handle(parameters, body);
        } catch (io.kubezap.simulator.group.GroupException refused) {
            var status = refused.code() == 401 ? 403 : refused.code();
            return problem(status, refused.text(), refused.getMessage());
        } catch (io.kubezap.simulator.channel.ChannelException refused) {
            return problem(refused.code(), "Channel request refused", refused.getMessage());
        } catch (NoSuchElementException exception) {
            return problem(404, "Not Found", exception.getMessage());
        } catch (IllegalArgumentException exception) {
            return problem(400, "Bad Request", exception.getMessage());
        } catch (IllegalStateException exception) {
            return problem(409, "Conflict", exception.getMessage());
        } catch (Exception exception) {
            LOG.log(Level.WARNING, "Control API request failed", exception);
            return problem(500, "Internal Server Error", String.valueOf(exception.getMessage()));
        }
    }

    private static ApiResponse problem(int status, String title, String detail) {
        return new ApiResponse(status, ApiProblem.of(status, title, detail));
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
