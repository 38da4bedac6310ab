package uk.lifeline.backend.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import uk.lifeline.backend.ledger.Ledger;

/**
 * Codes are born and change in one place: no compiled class outside the {@code ledger} package holds a statement
 * that writes the ledger's tables. Reads every string constant of every class the backend ships (the SQL text,
 * including string-concatenation recipes) and every non-migration resource; the migrations create the tables and
 * their triggers, which are the schema's, not a second writer.
 */
class LedgerWritersTest {

    /** A statement that writes one of the ledger's tables, whatever its case and spacing. */
    static final Pattern WRITE = Pattern.compile(
            "\\b(insert\\s+into|update|delete\\s+from)\\s+(code|code_counter|code_result|meter_secret)\\b",
            Pattern.CASE_INSENSITIVE);

    static final String LEDGER = "uk/lifeline/backend/ledger/";

    @Test
    void onlyTheLedgerPackageWritesCodesCountersResultsAndKeptSecrets() throws Exception {
        Map<String, TreeSet<String>> writers = writers();
        assertThat(writers.keySet())
                .as("classes or resources that write the ledger's tables")
                .allSatisfy(where -> assertThat(where).startsWith(LEDGER));
    }

    @Test
    void theScanFindsTheLedgersOwnWritesSoItIsNotLookingAtNothing() throws Exception {
        Map<String, TreeSet<String>> writers = writers();
        TreeSet<String> tables = new TreeSet<>();
        writers.values().forEach(tables::addAll);
        assertThat(tables).containsExactly("code", "code_counter", "code_result", "meter_secret");
        assertThat(writers)
                .containsKeys(
                        LEDGER + "BatchWriter.class",
                        LEDGER + "CampaignCodes.class",
                        LEDGER + "CounterStore.class",
                        LEDGER + "CodeStore.class");
    }

    @Test
    void theStatementPatternTellsTheLedgersTablesFromTheirNeighbours() {
        assertThat(tables("UPDATE code c SET status = 'DELIVERED'")).containsExactly("code");
        assertThat(tables("update  code_counter\n set next_counter = 1")).containsExactly("code_counter");
        assertThat(tables("INSERT INTO code_result (supplier_id)")).containsExactly("code_result");
        assertThat(tables("SELECT * FROM code WHERE id = :id")).isEmpty();
        assertThat(tables("UPDATE campaign_target SET code_id = :code")).isEmpty();
        assertThat(tables("INSERT INTO install_code_request (id)")).isEmpty();
    }

    private static Map<String, TreeSet<String>> writers() throws IOException, URISyntaxException {
        Path classes = Path.of(
                Ledger.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Map<String, TreeSet<String>> found = new TreeMap<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String name = classes.relativize(file).toString().replace('\\', '/');
                if (name.startsWith("db/migration/") || name.startsWith("static/")) {
                    continue;
                }
                List<String> texts = name.endsWith(".class")
                        ? constants(file)
                        : List.of(Files.readString(file, java.nio.charset.StandardCharsets.ISO_8859_1));
                for (String text : texts) {
                    List<String> tables = tables(text);
                    if (!tables.isEmpty()) {
                        found.computeIfAbsent(name, k -> new TreeSet<>()).addAll(tables);
                    }
                }
            }
        }
        return found;
    }

    private static List<String> tables(String text) {
        List<String> tables = new ArrayList<>();
        Matcher m = WRITE.matcher(text);
        while (m.find()) {
            tables.add(m.group(2).toLowerCase(java.util.Locale.ROOT));
        }
        return tables;
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
