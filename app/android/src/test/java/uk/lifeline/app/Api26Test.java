package uk.lifeline.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSObject;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.FileInputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.codehaus.mojo.animal_sniffer.SignatureChecker;
import org.codehaus.mojo.animal_sniffer.logging.PrintWriterLogger;
import org.junit.Test;
import uk.lifeline.app.core.AppCore;
import uk.lifeline.code.Ptut;

/**
 * Every class the APK carries (this app, the core, shared, nimbus-jose-jwt) uses only APIs Android 8.0 (API 26,
 * the minSdk) has: the same check Animal Sniffer runs on shared and core, run here on the libraries too.
 */
public class Api26Test {

    /** Optional nimbus dependencies never loaded by the app, the classes checked themselves, and records (D8). */
    static final Set<String> NOT_ANDROID_API = new HashSet<>(Arrays.asList(
            "org.bouncycastle.*",
            "com.google.crypto.tink.*",
            "com.google.errorprone.*",
            "net.jcip.*",
            "com.nimbusds.*",
            "uk.lifeline.*",
            "java.lang.Record"));

    @Test
    public void everyClassInTheApkUsesOnlyApisAndroid8Has() throws Exception {
        ByteArrayOutputStream report = new ByteArrayOutputStream();
        SignatureChecker checker;
        try (InputStream signature = new FileInputStream(System.getProperty("lifeline.api26.signature"))) {
            checker = new SignatureChecker(
                    signature, NOT_ANDROID_API, new PrintWriterLogger(new PrintStream(report, true, "UTF-8")));
        }
        checker.setSourcePath(new ArrayList<>());
        for (Class<?> from : new Class<?>[] {LifelineApplication.class, AppCore.class, Ptut.class, JWSObject.class}) {
            checker.process(new File(
                    from.getProtectionDomain().getCodeSource().getLocation().toURI()));
        }

        assertThat(report.toString(StandardCharsets.UTF_8)).doesNotContain("Undefined reference");
        assertThat(checker.isSignatureBroken()).isFalse();
    }
}
