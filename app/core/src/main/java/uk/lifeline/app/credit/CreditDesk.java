package uk.lifeline.app.credit;

import java.io.IOException;
import java.time.Clock;
import java.util.List;
import uk.lifeline.app.delivery.LifelineClient;
import uk.lifeline.forecast.DaysLeft;

/**
 * The customer's credit in the app: the meters' run-out windows, the balance they read off the display, and a
 * call back when they have no supply. Calls block: run them off the main thread. Thread-safe.
 */
public final class CreditDesk {

    private final LifelineClient client;
    private final Clock clock;

    public CreditDesk(LifelineClient client, Clock clock) {
        this.client = client;
        this.clock = clock;
    }

    public List<MeterCredit> meters() throws IOException {
        return client.myRunOut();
    }

    /**
     * Sends what the display shows and answers the meter's new window.
     *
     * @throws BalanceEntry.Refused when the typed text is not a balance (nothing is sent)
     */
    public MeterCredit report(String meterId, String typed) throws IOException {
        return client.reportBalance(meterId, BalanceEntry.pounds(typed));
    }

    /** Puts the customer on the call centre's list to be rung back about having no supply. */
    public void askForCallBack(String meterId) throws IOException {
        client.askForCallBack(meterId, null);
    }

    /** The meter to warn about now (its window opens within a day), or null when none is low. */
    public MeterCredit low(List<MeterCredit> meters) {
        MeterCredit first = null;
        for (MeterCredit m : meters) {
            DaysLeft d = m.daysLeft(clock.instant());
            if (d != null && d.low() && (first == null || m.earliest().isBefore(first.earliest()))) {
                first = m;
            }
        }
        return first;
    }
}
