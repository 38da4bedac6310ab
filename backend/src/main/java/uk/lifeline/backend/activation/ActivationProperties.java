package uk.lifeline.backend.activation;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Linking the customer's app to their account.
 *
 * @param codeTtl how long an activation code can be used (an agent reads it out, or a letter carries it)
 * @param sessionTtl how long the app's session lasts before the customer must activate again
 * @param attemptsPerAddress failed activation attempts one network address may make per {@code window}
 *     (successes are not counted)
 * @param failuresPerCustomer tries of one customer's used or expired codes per {@code window}, after which such
 *     tries are refused (their valid code still works). There is no limit for everyone together: a flood of
 *     failures from many addresses must not refuse every customer's right code
 * @param window the rate-limit window
 * @param supportPhones the number the app shows customers to call, by supplier code; {@code default} otherwise
 */
@ConfigurationProperties("lifeline.activation")
public record ActivationProperties(
        @DefaultValue("14d") Duration codeTtl,
        @DefaultValue("180d") Duration sessionTtl,
        @DefaultValue("10") int attemptsPerAddress,
        @DefaultValue("10") int failuresPerCustomer,
        @DefaultValue("15m") Duration window,
        Map<String, String> supportPhones) {

    public String supportPhone(String supplierCode) {
        Map<String, String> phones = supportPhones == null ? Map.of() : supportPhones;
        return phones.getOrDefault(supplierCode, phones.getOrDefault("default", "0800 000 0000"));
    }
}
