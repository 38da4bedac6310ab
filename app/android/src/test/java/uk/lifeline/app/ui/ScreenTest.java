package uk.lifeline.app.ui;

import static org.robolectric.Shadows.shadowOf;

import android.os.Looper;
import android.os.StrictMode;
import android.os.strictmode.Violation;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
 * clock, and the app's background and storage work run on a worker thread that the caller waits for. StrictMode is
 * on as in a debug build (disk and network on the main thread); a violation by the app fails the test.
 */
public abstract class ScreenTest {

    protected final TestSupplier supplier = new TestSupplier();
    protected FakeBackend backend;
    protected AppGraph graph;
    protected LifelineApplication app;
    private ExecutorService worker;
    private Executor offMain;
    private SecretKey key;
    private final List<Violation> violations = new CopyOnWriteArrayList<>();

    @Before
    public void startApp() throws Exception {
        backend = new FakeBackend(supplier);
        app = (LifelineApplication) RuntimeEnvironment.getApplication();
        key = newKey();
        worker = Executors.newSingleThreadExecutor(r -> new Thread(r, "screen-test-worker"));
        offMain = task -> {
            if (Looper.myLooper() == Looper.getMainLooper()) {
                offMain(() -> {
                    task.run();
                    return null;
                });
            } else {
                task.run();
            }
        };
        graph = new AppGraph(
                app,
                supplier.directory(backend.url()),
                () -> key,
                Clock.fixed(supplier.now(), ZoneOffset.UTC),
                offMain,
                offMain);
        app.replaceGraph(graph);
        StrictMode.setThreadPolicy(LifelineApplication.strictPolicy()
                .penaltyListener(Runnable::run, violation -> {
                    if (!byTheTest(violation)) {
                        violations.add(violation);
                    }
                })
                .build());
    }

    /** Fails the test if the app did disk or network work on the main thread (StrictMode, as in a debug build). */
    @After
    public void noMainThreadDiskOrNetwork() {
        idle();
        StrictMode.setThreadPolicy(StrictMode.ThreadPolicy.LAX);
        worker.shutdownNow();
        List<Violation> found = new ArrayList<>(violations);
        violations.clear();
        if (!found.isEmpty()) {
            AssertionError error = new AssertionError(
                    found.size() + " StrictMode violation(s) on the main thread," + " the first: " + found.get(0));
            found.forEach(error::addSuppressed);
            throw error;
        }
    }

    @After
    public void stop() {
        Words.choose(null);
        graph.database().close();
        backend.close();
    }

    protected AppCore signIn() throws Exception {
        return graph.signIn(new Session(
                backend.url(),
                FakeBackend.TOKEN,
                supplier.now().plusSeconds(86_400 * 365),
                TestSupplier.CUSTOMER,
                TestSupplier.SUPPLIER,
                "Demo Energy",
                "0800 123 4567"));
    }

    /**
     * As after the phone killed the app: a new graph over the same files (database, encrypted session), which
     * loads the session again when first asked.
     */
    protected void restartProcess() {
        graph.database().close();
        graph = new AppGraph(
                app,
                supplier.directory(backend.url()),
                () -> key,
                Clock.fixed(supplier.now(), ZoneOffset.UTC),
                offMain,
                offMain);
        app.replaceGraph(graph);
    }

    /**
     * Runs work on a worker thread and waits for it: what the app's background and storage threads run in these
     * tests, so the work is off the main thread (as on a phone) yet finished when the call returns.
     */
    protected <T> T offMain(Callable<T> work) {
        try {
            return worker.submit(work).get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        } catch (InterruptedException | TimeoutException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A violation is the test's own when the test's code (arranging a wallet, reading the database to assert)
     * reached the disk directly, with no screen, background or application code of the app between: walking the
     * stack from the violation down, the first frame that is either decides. (A test reaches a screen only through
     * the framework, e.g. a click, so the screen's own frame always lies between.)
     */
    private static boolean byTheTest(Violation violation) {
        for (StackTraceElement frame : violation.getStackTrace()) {
            String name = frame.getClassName();
            int nested = name.indexOf('$');
            String outer = nested < 0 ? name : name.substring(0, nested);
            if (outer.endsWith("Test")) {
                return true;
            }
            if (outer.startsWith("uk.lifeline.app.ui.")
                    || outer.startsWith("uk.lifeline.app.background.")
                    || outer.startsWith("uk.lifeline.app.notify.")
                    || outer.equals("uk.lifeline.app.LifelineApplication")) {
                return false;
            }
        }
        return false;
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
