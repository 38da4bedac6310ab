package uk.lifeline.meter;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import uk.lifeline.command.Setting;

/**
 * What a meter remembers between code entries: the highest counter it accepted, its cache of recently accepted
 * counters (ascending), per setting the newest counter accepted and the newest that set it, the
 * bad-MAC count and lockout, and a chained code entered part-way. Immutable; the decoder replaces it on each entry.
 *
 * @param newestAccepted per setting, the highest counter of any accepted code that wrote it
 * @param newestSet per setting, the highest counter of an accepted code that set it ({@code ALL}: revert)
 * @param failures bad-MAC codes since the last accepted code or lockout
 * @param lockouts lockouts since the last accepted code; each lasts twice as long as the one before
 * @param pending the blocks of a chained code entered so far, or null
 */
public record MeterCodeState(
        long highestCounter,
        List<Long> acceptedCounters,
        Map<Setting, Long> newestAccepted,
        Map<Setting, Long> newestSet,
        int failures,
        int lockouts,
        Instant lockedUntil,
        PendingCode pending) {

    /** A factory-fresh meter: no counter accepted, no failures. */
    public static final MeterCodeState FACTORY_FRESH = new MeterCodeState(
            0, Collections.emptyList(), Collections.emptyMap(), Collections.emptyMap(), 0, 0, Instant.EPOCH, null);

    private static final String HEADER = "# Lifeline reference meter code state, version 2";
    private static final String VERSION_1 = "# Lifeline reference meter code state, version 1";

    /** The earlier blocks of a chained code: its sub class, counter bits, their PTUTs, when the last came. */
    public record PendingCode(int subclass, int counterBits, List<Long> ptuts, Instant lastBlockAt) {
        public PendingCode {
            ptuts = Collections.unmodifiableList(new ArrayList<>(ptuts));
        }
    }

    public MeterCodeState {
        acceptedCounters = Collections.unmodifiableList(new ArrayList<>(acceptedCounters));
        newestAccepted = copy(newestAccepted);
        newestSet = copy(newestSet);
    }

    /** The newest counter recorded for {@code setting} in {@code counters}, 0 if none. */
    static long newest(Map<Setting, Long> counters, Setting setting) {
        Long counter = counters.get(setting);
        return counter == null ? 0 : counter;
    }

    private static Map<Setting, Long> copy(Map<Setting, Long> counters) {
        return counters.isEmpty() ? Collections.emptyMap() : Collections.unmodifiableMap(new EnumMap<>(counters));
    }

    /** Reads a state file; a file that does not exist yet is a factory-fresh meter. */
    public static MeterCodeState load(Path file) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return FACTORY_FRESH;
        }
        String header = lines.isEmpty() ? "" : lines.get(0);
        if (!header.equals(HEADER) && !header.equals(VERSION_1)) {
            throw new IOException("meter state file " + file + " has an unknown header: '"
                    + (header.length() > 60 ? header.substring(0, 60) + "..." : header) + "'");
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : lines) {
            int eq = line.indexOf('=');
            if (!line.startsWith("#") && eq > 0) {
                values.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        try {
            List<Long> counters = new ArrayList<>();
            for (String c : values.getOrDefault("accepted-counters", "").split(",")) {
                if (!c.isEmpty()) {
                    counters.add(Long.parseLong(c));
                }
            }
            long highest = Long.parseLong(values.get("highest-counter"));
            // Version 1 refused any set older than the newest code: every setting starts at the newest counter.
            Map<Setting, Long> newestAccepted = parseCounters(values.getOrDefault("newest-accepted", ""));
            if (header.equals(VERSION_1) && !values.containsKey("newest-accepted") && highest > 0) {
                for (Setting setting : Setting.values()) {
                    newestAccepted.put(setting, highest);
                }
            }
            return new MeterCodeState(
                    highest,
                    counters,
                    newestAccepted,
                    parseCounters(values.getOrDefault("newest-set", "")),
                    Integer.parseInt(values.get("failures")),
                    Integer.parseInt(values.get("lockouts")),
                    Instant.parse(values.get("locked-until")),
                    parsePending(values.getOrDefault("pending", "")));
        } catch (RuntimeException e) {
            throw new IOException("meter state file " + file + " is damaged: " + e.getMessage(), e);
        }
    }

    /** Writes the state durably: to a temporary file, forced to disk, then moved over the old one. */
    public void save(Path file) throws IOException {
        StringBuilder text = new StringBuilder(HEADER).append('\n');
        text.append("highest-counter=").append(highestCounter).append('\n');
        text.append("accepted-counters=");
        for (int i = 0; i < acceptedCounters.size(); i++) {
            text.append(i == 0 ? "" : ",").append(acceptedCounters.get(i));
        }
        text.append('\n');
        text.append("newest-accepted=").append(formatCounters(newestAccepted)).append('\n');
        text.append("newest-set=").append(formatCounters(newestSet)).append('\n');
        text.append("failures=").append(failures).append('\n');
        text.append("lockouts=").append(lockouts).append('\n');
        text.append("locked-until=").append(lockedUntil).append('\n');
        text.append("pending=").append(formatPending()).append('\n');

        Path absolute = file.toAbsolutePath();
        Path temporary = absolute.resolveSibling(absolute.getFileName() + ".tmp");
        try (FileChannel channel = FileChannel.open(
                        temporary,
                        StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING);
                OutputStream out = java.nio.channels.Channels.newOutputStream(channel)) {
            out.write(text.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            channel.force(true);
        }
        Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static String formatCounters(Map<Setting, Long> counters) {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<Setting, Long> e : counters.entrySet()) {
            out.append(out.length() == 0 ? "" : ",")
                    .append(e.getKey())
                    .append(':')
                    .append(e.getValue());
        }
        return out.toString();
    }

    private static Map<Setting, Long> parseCounters(String text) {
        Map<Setting, Long> counters = new EnumMap<>(Setting.class);
        for (String entry : text.split(",")) {
            if (!entry.isEmpty()) {
                String[] parts = entry.split(":");
                counters.put(Setting.valueOf(parts[0]), Long.parseLong(parts[1]));
            }
        }
        return counters;
    }

    private String formatPending() {
        if (pending == null) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        out.append(pending.subclass()).append(':').append(pending.counterBits()).append(':');
        for (int i = 0; i < pending.ptuts().size(); i++) {
            out.append(i == 0 ? "" : ",")
                    .append(Long.toHexString(pending.ptuts().get(i)));
        }
        return out.append(':').append(pending.lastBlockAt()).toString();
    }

    private static PendingCode parsePending(String text) {
        if (text.isEmpty()) {
            return null;
        }
        String[] parts = text.split(":", 4);
        List<Long> ptuts = new ArrayList<>();
        for (String hex : parts[2].split(",")) {
            ptuts.add(Long.parseUnsignedLong(hex, 16));
        }
        return new PendingCode(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), ptuts, Instant.parse(parts[3]));
    }
}
