package uk.lifeline.backend.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import uk.lifeline.backend.testing.BackendTest;

/**
 * The target states the campaign package writes are the ones the table allows, and its open set is the one the
 * partial index is built on (so the workers' reads of open targets can use it).
 */
class TargetStateTest extends BackendTest {

    private static final Pattern QUOTED = Pattern.compile("'([A-Z_]+)'");

    private Set<String> quotedIn(String sql) {
        String text = db.sql(sql).map(r -> r.get(0, String.class)).one().block();
        Set<String> names = new TreeSet<>();
        Matcher m = QUOTED.matcher(text);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    @Test
    void theTableAllowsExactlyTheStatesTheCampaignPackageNames() {
        Set<String> allowed = quotedIn("""
                SELECT pg_get_constraintdef(oid) FROM pg_constraint
                WHERE conrelid = 'campaign_target'::regclass AND contype = 'c'
                  AND pg_get_constraintdef(oid) LIKE '%state%'
                """);
        assertThat(allowed)
                .isEqualTo(Arrays.stream(TargetState.values())
                        .map(Enum::name)
                        .collect(Collectors.toCollection(TreeSet::new)));
    }

    @Test
    void theOpenStatesAreThoseThePartialIndexHolds() {
        Set<String> indexed = quotedIn("SELECT pg_get_indexdef('campaign_target_open'::regclass)");
        assertThat(indexed)
                .isEqualTo(TargetState.OPEN.stream().map(Enum::name).collect(Collectors.toCollection(TreeSet::new)));
    }
}
