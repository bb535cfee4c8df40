package io.kubezap.contract.testing;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Tests only: spellings of a path below a session, made from its plain spelling by the distortions servers read apart
 * (issue 79 S2): {@code ;params}, empty segments, {@code .} and {@code ..} (percent-encoded or not), percent-encoded
 * letters, upper case, trailing slashes, a climb out of the session, and an encoded {@code /}, {@code ;}, {@code \},
 * {@code %} or control character. Seeded, so a failing spelling can be sent again.
 */
public final class PathSpellings {

    /** The plain paths distorted: the session's root, its linking codes, its lifecycle, reads, a chat and a file. */
    public static final List<String> PATHS = List.of("", "qr", "pairing-code", "logout", "restart", "messages", "chats",
            "contacts", "chats/5511977770001%40s.whatsapp.net/messages", "messages/m-1/media");

    /** The issue's own spellings of the session's root, which the pod served as it, QR included. */
    public static final List<String> ROOT = List.of(";x", ";", "/", "x/..", "%2e", "%2E", ".", "./", "x;/..",
            "chats;a=b/..", "messages/;/..", "qr/%2e%2e");

    private static final List<String> PARAMS = List.of(";x", ";", ";a=b", ";jsessionid=1");
    private static final List<String> DOTS = List.of(".", "%2e", "%2E");
    private static final List<String> DOT_DOTS = List.of("..", "%2e%2e", ".%2e", "%2E.", "..;x");
    private static final List<String> DETOURS = List.of("x", "messages", "x;y", "qr", ";");
    private static final List<String> READ_APART = List.of("%2f", "%2F", "%3b", "%3B", "%5c", "%25", "%252e", "%00", "%0a");

    private static final List<BiConsumer<List<String>, Random>> DISTORTIONS = List.of(
            PathSpellings::param, PathSpellings::empty, PathSpellings::dot, PathSpellings::detour,
            PathSpellings::encodedLetter, PathSpellings::upperCase, PathSpellings::trailingSlash,
            PathSpellings::readApart, PathSpellings::climb);

    private PathSpellings() {
    }

    /** {@code count} distinct spellings, each one of {@link #PATHS} with one to three distortions. */
    public static List<String> generated(long seed, int count) {
        Random random = new Random(seed);
        Set<String> spellings = new LinkedHashSet<>();
        for (int attempt = 0; spellings.size() < count && attempt < count * 20; attempt++) {
            List<String> segments = new ArrayList<>(split(PATHS.get(random.nextInt(PATHS.size()))));
            for (int i = 1 + random.nextInt(3); i > 0; i--) {
                DISTORTIONS.get(random.nextInt(DISTORTIONS.size())).accept(segments, random);
            }
            String spelling = String.join("/", segments);
            if (!spelling.isEmpty() && !PATHS.contains(spelling)) {
                spellings.add(spelling);
            }
        }
        return List.copyOf(spellings);
    }

    private static List<String> split(String path) {
        return path.isEmpty() ? List.of() : List.of(path.split("/"));
    }

    private static void param(List<String> segments, Random random) {
        String param = pick(PARAMS, random);
        int at = random.nextInt(segments.size() + 1);
        if (at == segments.size()) {
            segments.add(param);
        } else {
            segments.set(at, segments.get(at) + param);
        }
    }

    private static void empty(List<String> segments, Random random) {
        segments.add(random.nextInt(segments.size() + 1), "");
    }

    private static void dot(List<String> segments, Random random) {
        segments.add(random.nextInt(segments.size() + 1), pick(DOTS, random));
    }

    private static void detour(List<String> segments, Random random) {
        int at = random.nextInt(segments.size() + 1);
        segments.add(at, pick(DOT_DOTS, random));
        segments.add(at, pick(DETOURS, random));
    }

    private static void encodedLetter(List<String> segments, Random random) {
        if (segments.isEmpty()) {
            return;
        }
        int at = random.nextInt(segments.size());
        String segment = segments.get(at);
        List<Integer> letters = new ArrayList<>();
        for (int i = 0; i < segment.length(); i++) {
            boolean inEncoding = i >= 1 && segment.charAt(i - 1) == '%' || i >= 2 && segment.charAt(i - 2) == '%';
            if (Character.isLetter(segment.charAt(i)) && !inEncoding) {
                letters.add(i);
            }
        }
        if (letters.isEmpty()) {
            return;
        }
        int i = pick(letters, random);
        String hex = String.format("%%%02x", (int) segment.charAt(i));
        segments.set(at, segment.substring(0, i) + (random.nextBoolean() ? hex.toUpperCase(Locale.ROOT) : hex)
                + segment.substring(i + 1));
    }

    private static void upperCase(List<String> segments, Random random) {
        if (!segments.isEmpty()) {
            int at = random.nextInt(segments.size());
            segments.set(at, segments.get(at).toUpperCase(Locale.ROOT));
        }
    }

    private static void trailingSlash(List<String> segments, Random random) {
        segments.add("");
    }

    private static void readApart(List<String> segments, Random random) {
        if (segments.isEmpty()) {
            segments.add("");
        }
        int at = random.nextInt(segments.size());
        String segment = segments.get(at);
        int cut = segment.indexOf('%') >= 0 ? 0 : random.nextInt(segment.length() + 1);
        segments.set(at, segment.substring(0, cut) + pick(READ_APART, random) + segment.substring(cut));
    }

    private static void climb(List<String> segments, Random random) {
        segments.addFirst(pick(DOT_DOTS, random));
    }

    private static <T> T pick(List<T> values, Random random) {
        return values.get(random.nextInt(values.size()));
    }
}
