package uk.lifeline.backend.database;

/** Reads a PostgreSQL location given as {@code postgresql://...} or {@code jdbc:postgresql://...}. Stateless. */
final class DatabaseUrls {

    private DatabaseUrls() {}

    /** The part after the scheme prefix, {@code postgresql://host:port/database?options}. */
    static String location(String url) {
        String trimmed = url.trim();
        String location = trimmed.startsWith("jdbc:")
                ? trimmed.substring(5)
                : trimmed.startsWith("r2dbc:") ? trimmed.substring(6) : trimmed;
        if (!location.startsWith("postgresql://")) {
            throw new IllegalArgumentException("lifeline.database.url must look like postgresql://host:5432/lifeline");
        }
        return location;
    }

    /** For log lines: drops any user:password@ part. */
    static String withoutCredentials(String location) {
        return location.replaceFirst("//[^@/]*@", "//");
    }
}
