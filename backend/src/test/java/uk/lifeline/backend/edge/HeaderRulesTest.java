package uk.lifeline.backend.edge;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.web.server.WebFilterChainProxy;
import org.springframework.security.web.server.firewall.ServerWebExchangeFirewall;
import org.springframework.security.web.server.firewall.StrictServerWebExchangeFirewall;
import org.springframework.test.util.ReflectionTestUtils;
import uk.lifeline.backend.testing.BackendTest;

/**
 * The header rules refuse exactly what Spring Security's default firewall patterns refuse in a value, and no
 * header name they accept is one Spring's would refuse; the firewall in use checks headers with them.
 */
class HeaderRulesTest extends BackendTest {

    @Autowired
    WebFilterChainProxy securityChain;

    @Autowired
    ServerWebExchangeFirewall firewall;

    @Test
    void aValueIsRefusedForExactlyTheCodePointsSpringSecuritysPatternRefuses() {
        for (int codePoint = 0; codePoint <= Character.MAX_CODE_POINT; codePoint++) {
            String alone = Character.toString(codePoint);
            String inText = "Bearer a" + alone + "b";
            assertThat(HeaderRules.value(alone))
                    .as("U+%04X", codePoint)
                    .isEqualTo(StrictServerWebExchangeFirewall.ALLOWED_HEADER_VALUES.test(alone));
            assertThat(HeaderRules.value(inText))
                    .as("U+%04X in a value", codePoint)
                    .isEqualTo(StrictServerWebExchangeFirewall.ALLOWED_HEADER_VALUES.test(inText));
        }
        for (String value : new String[] {"", "\t", "a\tb", "\uD800", "a\uDC00b", "\uD83D\uDE00", "x".repeat(10_000)}) {
            assertThat(HeaderRules.value(value))
                    .as(value)
                    .isEqualTo(StrictServerWebExchangeFirewall.ALLOWED_HEADER_VALUES.test(value));
        }
        assertThat(HeaderRules.value(null)).isEqualTo(StrictServerWebExchangeFirewall.ALLOWED_HEADER_VALUES.test(null));
    }

    @Test
    void aNameIsAnHttpTokenWhichSpringSecuritysPatternAlsoAccepts() {
        for (int c = 0; c <= 0xFFFF; c++) {
            String name = "X-" + (char) c;
            if (HeaderRules.name(name)) {
                assertThat(StrictServerWebExchangeFirewall.ALLOWED_HEADER_NAMES.test(name))
                        .as("U+%04X", c)
                        .isTrue();
            }
        }
        assertThat(HeaderRules.name("Authorization")).isTrue();
        assertThat(HeaderRules.name("X Note")).isFalse();
        assertThat(HeaderRules.name("X:Note")).isFalse();
        assertThat(HeaderRules.name("Ünicode")).isFalse();
        assertThat(HeaderRules.name("")).isFalse();
        assertThat(HeaderRules.name(null)).isFalse();
    }

    @Test
    void theSecurityChainsFirewallIsTheOneWithTheseRules() {
        assertThat(ReflectionTestUtils.getField(securityChain, "firewall")).isSameAs(firewall);
        assertThat(firewall).isInstanceOf(StrictServerWebExchangeFirewall.class);
    }
}
