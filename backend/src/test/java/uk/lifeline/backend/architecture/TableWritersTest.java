package uk.lifeline.backend.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.lifeline.backend.ledger.Ledger;

/**
 * Each table has one writer: for every table the migrations create, the statements that insert, update or delete
 * its rows sit in one feature package, the one docs/architecture.md says owns it; codes in particular are born and
 * change only in {@code ledger}. Reads every string constant of every class the backend ships (the SQL text,
 * including string-concatenation recipes) and every non-migration resource; the migrations create the tables and
 * their triggers, which are the schema's, not a second writer. A statement another package composes into its own
 * (the audit chain's append) is offered by a method, not a compile-time constant, so its text stays in its owner.
 */
class TableWritersTest {

    static final String BACKEND = "uk/lifeline/backend/";
    static final Set<String> LEDGER_TABLES = Set.of("code", "code_counter", "code_result", "meter_secret");

    /** The tables the migrations create. */
    static Set<String> tables;

    /** Who writes what: the class or resource, and the tables its statements write. */
    static Map<String, TreeSet<String>> writers;

    @BeforeAll
    static void scan() throws Exception {
        Path classes = Path.of(
                Ledger.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        tables = createdTables(classes.resolve("db/migration"));
        writers = writers(classes, write(tables));
    }

    @Test
    void everyTableIsWrittenByOneFeaturePackage() {
        assertThat(writerPackages())
                .as("tables written from more than one feature package (docs/architecture.md: one writer per table)")
                .allSatisfy((table, packages) -> assertThat(packages).as(table).hasSize(1));
    }

    @Test
    void eachTableIsWrittenByThePackageArchitectureMdSaysOwnsIt() throws IOException {
        Map<String, Set<String>> owners = documentedOwners(tables);
        assertThat(writerPackages()).allSatisfy((table, packages) -> assertThat(owners.getOrDefault(table, Set.of()))
                .as("docs/architecture.md's owner of " + table + ", written by " + packages)
                .containsAll(packages));
    }

    @Test
    void everyTableTheMigrationsCreateHasAnOwnerInArchitectureMd() throws IOException {
        assertThat(documentedOwners(tables).keySet()).containsExactlyInAnyOrderElementsOf(tables);
    }

    @Test
    void onlyTheLedgerPackageWritesCodesCountersResultsAndKeptSecrets() {
        assertThat(writers)
                .as("classes or resources that write the ledger's tables")
                .allSatisfy((where, written) -> {
                    if (written.stream().anyMatch(LEDGER_TABLES::contains)) {
                        assertThat(where).startsWith(BACKEND + "ledger/");
                    }
                });
    }

    @Test
    void theScanFindsKnownOwnersSoItIsNotLookingAtNothing() {
        assertThat(tables).hasSizeGreaterThan(35).contains("code", "campaign_target", "device", "push_device");
        Map<String, Set<String>> packages = writerPackages();
        assertThat(packages)
                .containsEntry("code", Set.of("ledger"))
                .containsEntry("code_counter", Set.of("ledger"))
                .containsEntry("code_result", Set.of("ledger"))
                .containsEntry("meter_secret", Set.of("ledger"))
                .containsEntry("campaign_target", Set.of("campaign"))
                .containsEntry("install_code_request", Set.of("installcode"))
                .containsEntry("push_device", Set.of("delivery"))
                .containsEntry("audit_log", Set.of("audit"));
        assertThat(writers)
                .containsKeys(
                        BACKEND + "ledger/BatchWriter.class",
                        BACKEND + "ledger/CampaignCodes.class",
                        BACKEND + "ledger/CounterStore.class",
                        BACKEND + "ledger/CodeStore.class");
    }

    @Test
    void theStatementPatternTellsATableFromItsNeighbours() {
        Pattern write = write(Set.of("code", "code_counter", "code_result", "campaign_target"));
        assertThat(tables(write, "UPDATE code c SET status = 'DELIVERED'")).containsExactly("code");
        assertThat(tables(write, "update  code_counter\n set next_counter = 1")).containsExactly("code_counter");
        assertThat(tables(write, "INSERT INTO code_result (supplier_id)")).containsExactly("code_result");
        assertThat(tables(write, "DELETE FROM campaign_target t USING old")).containsExactly("campaign_target");
        assertThat(tables(write, "SELECT * FROM code WHERE id = :id FOR UPDATE"))
                .isEmpty();
        assertThat(tables(write, "ON CONFLICT (id) DO UPDATE SET code = 1")).isEmpty();
        assertThat(tables(write, "INSERT INTO install_code_request (id)")).isEmpty();
    }

    @Test
    void theMigrationsAreReadForTheTablesTheyCreate() {
        assertThat(createdTables("CREATE TABLE code (\nid uuid);\ncreate table if not exists  push_device(id uuid);"))
                .containsExactly("code", "push_device");
    }

    /** Each written table and the feature packages whose classes or resources write it. */
    private static Map<String, Set<String>> writerPackages() {
        Map<String, Set<String>> packages = new TreeMap<>();
        writers.forEach((where, written) -> written.forEach(
                table -> packages.computeIfAbsent(table, t -> new TreeSet<>()).add(feature(where))));
        return packages;
    }

    /** {@code uk/lifeline/backend/reach/voice/Calls.class} is {@code reach}'s; a resource is its folder's. */
    private static String feature(String where) {
        String path = where.startsWith(BACKEND) ? where.substring(BACKEND.length()) : "resource:" + where;
        int slash = path.indexOf('/');
        return slash < 0 ? path : path.substring(0, slash);
    }

    /** A statement that writes one of these tables, whatever its case and spacing. */
    private static Pattern write(Set<String> tables) {
        String names = tables.stream().sorted().map(Pattern::quote).collect(Collectors.joining("|"));
        return Pattern.compile(
                "\\b(insert\\s+into|update|delete\\s+from|merge\\s+into|truncate(?:\\s+table)?)\\s+(" + names + ")\\b",
                Pattern.CASE_INSENSITIVE);
    }

    private static Set<String> createdTables(Path migrations) throws IOException {
        Set<String> created = new TreeSet<>();
        try (Stream<Path> files = Files.list(migrations)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".sql")).toList()) {
                created.addAll(createdTables(Files.readString(file, StandardCharsets.UTF_8)));
            }
        }
        return created;
    }

    private static Set<String> createdTables(String sql) {
        Set<String> created = new TreeSet<>();
        Matcher m = Pattern.compile(
                        "\\bcreate\\s+table\\s+(?:if\\s+not\\s+exists\\s+)?([a-z_][a-z0-9_]*)",
                        Pattern.CASE_INSENSITIVE)
                .matcher(sql);
        while (m.find()) {
            created.add(m.group(1).toLowerCase(Locale.ROOT));
        }
        return created;
    }

    /**
     * The owners docs/architecture.md names: in the table "Packages, what they own", each backticked table in the
     * "owns" column belongs to the row's package(s).
     */
    private static Map<String, Set<String>> documentedOwners(Set<String> tables) throws IOException {
        Path doc = Path.of("..", "docs", "architecture.md");
        Map<String, Set<String>> owners = new TreeMap<>();
        boolean inTable = false;
        for (String line : Files.readAllLines(doc, StandardCharsets.UTF_8)) {
            if (line.startsWith("| package | owns")) {
                inTable = true;
                continue;
            }
            if (!inTable || line.startsWith("|---")) {
                continue;
            }
            if (!line.startsWith("|")) {
                break;
            }
            String[] cells = line.split("\\|");
            Set<String> packages = backticked(cells[1]);
            for (String name : backticked(cells[2])) {
                if (tables.contains(name)) {
                    owners.computeIfAbsent(name, t -> new TreeSet<>()).addAll(packages);
                }
            }
        }
        assertThat(owners).as("owners read from " + doc).containsKeys("code", "device", "audit_log");
        return owners;
    }

    private static Set<String> backticked(String cell) {
        Set<String> names = new TreeSet<>();
        Matcher m = Pattern.compile("`([^`]+)`").matcher(cell);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    private static Map<String, TreeSet<String>> writers(Path classes, Pattern write) throws IOException {
        Map<String, TreeSet<String>> found = new TreeMap<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String name = classes.relativize(file).toString().replace('\\', '/');
                if (name.startsWith("db/migration/") || name.startsWith("static/")) {
                    continue;
                }
                List<String> texts = name.endsWith(".class")
                        ? constants(file)
                        : List.of(Files.readString(file, StandardCharsets.ISO_8859_1));
                for (String text : texts) {
                    List<String> written = tables(write, text);
                    if (!written.isEmpty()) {
                        found.computeIfAbsent(name, k -> new TreeSet<>()).addAll(written);
                    }
                }
            }
        }
        return found;
    }

    private static List<String> tables(Pattern write, String text) {
        List<String> written = new ArrayList<>();
        Matcher m = write.matcher(text);
        while (m.find()) {
            written.add(m.group(2).toLowerCase(Locale.ROOT));
        }
        return written;
    }

    /** The UTF-8 entries of a class file's constant pool (JVMS 4.4), where its string literals live. */
    private static List<String> constants(Path classFile) throws IOException {
        List<String> texts = new ArrayList<>();
        try (InputStream in = Files.newInputStream(classFile);
                DataInputStream data = new DataInputStream(in)) {
            data.readInt();
            data.readUnsignedShort();
            data.readUnsignedShort();
            int count = data.readUnsignedShort();
            for (int i = 1; i < count; i++) {
                int tag = data.readUnsignedByte();
                switch (tag) {
                    case 1 -> texts.add(data.readUTF());
                    case 7, 8, 16, 19, 20 -> data.skipNBytes(2);
                    case 15 -> data.skipNBytes(3);
                    case 3, 4, 9, 10, 11, 12, 17, 18 -> data.skipNBytes(4);
                    case 5, 6 -> {
                        data.skipNBytes(8);
                        i++;
                    }
                    default -> throw new IOException(classFile + ": constant pool tag " + tag + " at " + i);
                }
            }
        }
        return texts;
    }
}
