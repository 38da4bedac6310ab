package uk.lifeline.app.background;

import android.app.job.JobParameters;
import android.app.job.JobService;
import java.io.IOException;
import uk.lifeline.app.AppGraph;
import uk.lifeline.app.LifelineApplication;
import uk.lifeline.app.core.AppCore;
import uk.lifeline.app.delivery.HttpStatusException;

/** Runs one sync round off the main thread: queued results out, new codes and notices in. */
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
    public enum Round { DONE, TRY_LATER, SIGNED_OUT, REFUSED }

    /** One round, announcing what it brought; a session the backend no longer takes is forgotten. */
    public static Round syncOnce(AppGraph graph, AppCore core) {
        try {
            graph.announce(core.sync());
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
}
