package io.kubezap.contract.host;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubezap.contract.PodEnvironment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * How a session host learns its sessions and each one's settings (decision record 0021): the operator writes one
 * Secret per host ({@link HostObjectNames#secretName}), mounted at {@link #DIRECTORY}, one key per session, {@code <session>.json}. The kubelet
 * refreshes a mounted Secret in place, so a host adds, changes and drops sessions as their files appear, change and
 * go, without a restart.
 * <p>
 * A file is {@code {"settings": {"KUBEZAP_SESSION": "shop", …}, "files": {"webhooks/webhooks.json": "[…]", …}}}:
 * {@code settings} holds what a session pod of its own reads from its environment, by the same
 * {@link io.kubezap.contract.PodSetting} names, each value as that pod's variable would carry it (a Secret's key
 * resolved: the host Secret is the tenant's own, in the session's namespace); {@code files} the files such a pod
 * would get mounted, by a path relative to a directory of the session's own, where the host writes them; a
 * {@code Rendering.FILE} setting names its file by that relative path.
 */
public final class HostSessionFile {

    /** Where the host pod mounts its Secret. */
    public static final String DIRECTORY = "/etc/kubezap/host-sessions";
    /** The variable that tells a host pod where its sessions' files are: set, the process runs as a session host. */
    public static final String DIRECTORY_ENV = PodEnvironment.HOST_SESSIONS_DIR;
    public static final String SUFFIX = ".json";
    public static final String SETTINGS = "settings";
    public static final String FILES = "files";

    /** A session's name as the CRD allows it (a DNS label starting with a letter): never a kubelet's {@code ..data}. */
    private static final Pattern SESSION = Pattern.compile("[a-z]([-a-z0-9]{0,61}[a-z0-9])?");
    /** A relative path of plain segments: nothing the host could write outside the session's directory. */
    private static final Pattern RELATIVE_FILE = Pattern.compile("[A-Za-z0-9_][-A-Za-z0-9_.]*(/[A-Za-z0-9_][-A-Za-z0-9_.]*)*");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One session's entry; {@code settings} and {@code files} sorted, so that equal entries write equal bytes. */
    public record Entry(String session, SortedMap<String, String> settings, SortedMap<String, String> files) {

        public Entry(String session, Map<String, String> settings, Map<String, String> files) {
            this(session, new TreeMap<>(settings), new TreeMap<>(files));
        }

        /** Refuses an entry a host must not run: see {@link Invalid}. */
        public Entry {
            if (!SESSION.matcher(session).matches()) {
                throw new Invalid(session, "not a session's name");
            }
            String named = settings.get(PodEnvironment.SESSION);
            if (!session.equals(named)) {
                throw new Invalid(session, PodEnvironment.SESSION + " is " + named + ", not the file's session");
            }
            files.keySet().stream().filter(file -> !RELATIVE_FILE.matcher(file).matches()).findFirst().ifPresent(file -> {
                throw new Invalid(session, "file '" + file + "' is not a relative path of plain names");
            });
        }
    }

    /** An entry the host refuses, naming its session: the host runs the others. */
    public static final class Invalid extends IllegalArgumentException {
        public Invalid(String session, String problem) {
            super("host session file " + fileName(session) + ": " + problem);
        }
    }

    private record Document(Map<String, String> settings, Map<String, String> files) {
    }

    private HostSessionFile() {
    }

    /** The Secret key (and file name) of a session's entry. */
    public static String fileName(String session) {
        return session + SUFFIX;
    }

    /** The session a file of {@link #DIRECTORY} is the entry of; empty for anything else (the kubelet's own files). */
    public static Optional<String> sessionOf(String fileName) {
        if (!fileName.endsWith(SUFFIX)) {
            return Optional.empty();
        }
        String session = fileName.substring(0, fileName.length() - SUFFIX.length());
        return SESSION.matcher(session).matches() ? Optional.of(session) : Optional.empty();
    }

    /** The entry's file content. */
    public static String write(Entry entry) {
        try {
            return JSON.writeValueAsString(new Document(entry.settings(), entry.files()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The entry a file holds; {@link Invalid} when it is unreadable or refused. */
    public static Entry read(String session, String content) {
        Document document;
        try {
            document = JSON.readValue(content, Document.class);
        } catch (JsonProcessingException unreadable) {
            throw new Invalid(session, "not the JSON of an entry (" + unreadable.getOriginalMessage() + ")");
        }
        if (document == null || document.settings() == null) {
            throw new Invalid(session, "no " + SETTINGS);
        }
        return new Entry(session, document.settings(), document.files() == null ? Map.of() : document.files());
    }

    /** Every session entry of {@code directory} (a host's mounted Secret), by session; files of no session skipped. */
    public static SortedMap<String, String> contents(Path directory) {
        SortedMap<String, String> contents = new TreeMap<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.toList()) {
                Optional<String> session = sessionOf(file.getFileName().toString());
                if (session.isPresent()) {
                    contents.put(session.get(), Files.readString(file));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return contents;
    }
}
