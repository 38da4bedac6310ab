package uk.lifeline.backend.database;

import io.r2dbc.spi.R2dbcException;
import io.r2dbc.spi.R2dbcNonTransientResourceException;
import io.r2dbc.spi.R2dbcTransientResourceException;
import java.net.ConnectException;
import java.nio.channels.ClosedChannelException;
import java.sql.SQLException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Tells a database that cannot be reached (refused or lost connections, a server shutting down or starting,
 * an empty pool that times out) from a request's own errors. Stateless.
 */
public final class DatabaseFailures {

    private DatabaseFailures() {}

    /** Whether this error, or anything that caused it, means the database is unreachable. */
    public static boolean unavailable(Throwable error) {
        int depth = 0;
        for (Throwable t = error; t != null && depth < 20; t = t.getCause(), depth++) {
            // Spring translates every driver resource exception to DataAccessResourceFailureException, so only
            // its "no connection" form counts here; the causes below decide for the rest.
            if (t instanceof DataAccessResourceFailureException
                            && String.valueOf(t.getMessage()).startsWith("Failed to obtain R2DBC Connection")
                    || t instanceof CannotCreateTransactionException
                    // The driver's resource exceptions also stand for any error it has no class for (a trigger's
                    // RAISE among them): only a closed connection or a connection SQLSTATE means "unreachable".
                    || t instanceof R2dbcNonTransientResourceException && closed(t)
                    || t instanceof R2dbcTransientResourceException && closed(t)
                    || t instanceof ConnectException
                    || t instanceof ClosedChannelException
                    || t.getClass().getName().startsWith("reactor.pool.")
                    || t instanceof R2dbcException r && connectionState(r.getSqlState())
                    || t instanceof SQLException s && connectionState(s.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private static boolean closed(Throwable t) {
        String name = t.getClass().getSimpleName();
        return name.contains("Closed") || name.contains("Connection");
    }

    /** SQLSTATE class 08 (connection exception) and 57P (shut down, crashed, cannot connect now). */
    private static boolean connectionState(String state) {
        return state != null && (state.startsWith("08") || state.startsWith("57P"));
    }
}
