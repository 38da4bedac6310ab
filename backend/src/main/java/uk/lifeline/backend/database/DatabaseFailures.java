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
            if (t instanceof DataAccessResourceFailureException
                    || t instanceof CannotCreateTransactionException
                    || t instanceof R2dbcNonTransientResourceException
                    || t instanceof R2dbcTransientResourceException
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

    /** SQLSTATE class 08 (connection exception) and 57P (shut down, crashed, cannot connect now). */
    private static boolean connectionState(String state) {
        return state != null && (state.startsWith("08") || state.startsWith("57P"));
    }
}
