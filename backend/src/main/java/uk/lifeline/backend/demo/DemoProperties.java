package uk.lifeline.backend.demo;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The demo data.
 *
 * @param enabled seed demo data into an empty database and print the sign-ins (on by default only for the
 *     embedded database)
 * @param password every demo user's password
 * @param meterKeys where the simulated meters' private keys are written (outside the database and the API)
 * @param benchMeters extra no-WAN meters for load tests, added to the first demo supplier
 */
@ConfigurationProperties("lifeline.demo")
public record DemoProperties(boolean enabled, String password, Path meterKeys, int benchMeters) {}
