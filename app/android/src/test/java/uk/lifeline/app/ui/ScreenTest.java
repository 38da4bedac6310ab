package uk.lifeline.app.ui;

import static org.robolectric.Shadows.shadowOf;

import android.os.Looper;
import java.time.Clock;
import java.time.ZoneOffset;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import org.junit.After;
import org.junit.Before;
import org.robolectric.RuntimeEnvironment;
import uk.lifeline.app.AppGraph;
import uk.lifeline.app.LifelineApplication;
import uk.lifeline.app.account.Session;
import uk.lifeline.app.core.AppCore;
import uk.lifeline.app.testing.FakeBackend;
import uk.lifeline.app.testing.TestSupplier;

/**
 * What every screen test starts from: the real app (SQLite, screens, jobs) signed in to a {@link FakeBackend}
 * that serves the test supplier's envelopes, with a software key (Robolectric has no Android Keystore), a fixed
 * clock, and work run at once rather than on background threads.
 */
public abstract class ScreenTest {

    protected final TestSupplier supplier = new TestSupplier();
    protected FakeBackend backend;
    protected AppGraph graph;
    protected LifelineApplication app;

    @Before
    public void startApp() throws Exception {
        backend = new FakeBackend(supplier);
        app = (LifelineApplication) RuntimeEnvironment.getApplication();
        SecretKey key = newKey();
        graph = new AppGraph(app, supplier.directory(backend.url()), () -> key, Clock.fixed(supplier.now(),
                ZoneOffset.UTC), Runnable::run, Runnable::run);
        app.replaceGraph(graph);
    }

    @After
    public void stop() {
        Words.choose(null);
        graph.database().close();
        backend.close();
    }

    protected AppCore signIn() throws Exception {
        return graph.signIn(new Session(backend.url(), FakeBackend.TOKEN, supplier.now().plusSeconds(86_400 * 365),
                TestSupplier.CUSTOMER, TestSupplier.SUPPLIER, "Demo Energy", "0800 123 4567"));
    }

    /** Runs what screens posted to the main thread. */
    protected static void idle() {
        shadowOf(Looper.getMainLooper()).idle();
    }

    private static SecretKey newKey() throws Exception {
        KeyGenerator generator = KeyGenerator.getInstance("AES");
        generator.init(256);
        return generator.generateKey();
    }
}
