package uk.lifeline.app.background;

import android.app.job.JobParameters;
import android.app.job.JobService;
import java.io.IOException;
import uk.lifeline.app.AppGraph;
import uk.lifeline.app.LifelineApplication;
import uk.lifeline.app.core.AppCore;
import uk.lifeline.app.credit.MeterCredit;
import uk.lifeline.app.delivery.HttpStatusException;
import uk.lifeline.app.ui.screen.credit.CreditActivity;

/** Runs one sync round off the main thread: queued results out, new codes and notices in, low credit warned of. */
public final class SyncJobService extends JobService {

    @Override
    public boolean onStartJob(JobParameters params) {
        AppGraph graph = LifelineApplication.graph(this);
        // The session and the database are read on the network thread, never here on the main thread.
        graph.background().execute(() -> {
            AppCore core = graph.core();
            boolean again = core != null && !graph.signedOut() && syncOnce(graph, core) == Round.TRY_LATER;
            jobFinished(params, again);
        });
        return true;
    }

    @Override
    public boolean onStopJob(JobParameters params) {
        return true;
    }

    /** How a round went. */
    public enum Round {
        DONE,
        TRY_LATER,
        SIGNED_OUT,
        REFUSED
    }

    /** One round, announcing what it brought; a session the backend no longer takes is forgotten. */
    public static Round syncOnce(AppGraph graph, AppCore core) {
        try {
            graph.announce(core.sync());
            warnIfLow(graph, core);
            SyncScheduler.schedulePeriodic(graph.context(), core);
            return Round.DONE;
        } catch (HttpStatusException e) {
            if (e.isSignedOut()) {
                graph.sessionEnded();
                return Round.SIGNED_OUT;
            }
            return e.isRetryable() ? Round.TRY_LATER : Round.REFUSED;
        } catch (IOException e) {
            return Round.TRY_LATER;
        }
    }

    /** The low-credit warning while the app is closed: each round looks at the meters' windows. */
    private static void warnIfLow(AppGraph graph, AppCore core) throws HttpStatusException {
        try {
            MeterCredit low = core.credit().low(core.credit().meters());
            if (low != null) {
                graph.notifications().lowCredit(CreditActivity.line(graph.context(), low));
            }
        } catch (HttpStatusException e) {
            if (e.isSignedOut()) {
                throw e;
            }
        } catch (IOException e) {
            // The codes came in; the warning waits for the next round.
        }
    }
}
