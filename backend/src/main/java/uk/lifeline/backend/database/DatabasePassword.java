package uk.lifeline.backend.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

/**
 * The embedded PostgreSQL's superuser password: 32 random base64url characters, made once and kept in a file
 * beside the server's folder that only its owner can read (0600, in a 0700 folder). Stateless.
 */
final class DatabasePassword {

    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_DIR = PosixFilePermissions.fromString("rwx------");
    private static final SecureRandom RANDOM = new SecureRandom();

    private DatabasePassword() {}

    /** {@code <data>/postgres} keeps its password in {@code <data>/postgres.password}. */
    static Path fileFor(Path dataDirectory) {
        return dataDirectory.resolveSibling(dataDirectory.getFileName() + ".password");
    }

    /** Reads the password, or makes one and writes it first; either way leaves the file and folder owner-only. */
    static String readOrCreate(Path file) {
        try {
            Path folder = file.toAbsolutePath().getParent();
            Files.createDirectories(folder);
            restrict(folder, OWNER_DIR);
            if (!Files.exists(file)) {
                byte[] bytes = new byte[24];
                RANDOM.nextBytes(bytes);
                String made = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
                try {
                    if (posix(file)) {
                        Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_FILE));
                    } else {
                        Files.createFile(file);
                    }
                    Files.writeString(file, made + "\n", StandardCharsets.US_ASCII);
                } catch (FileAlreadyExistsException raced) {
                    // another process made it first: use theirs
                }
            }
            restrict(file, OWNER_FILE);
            String password = Files.readString(file, StandardCharsets.US_ASCII).trim();
            if (!password.matches("[A-Za-z0-9_-]{16,}")) {
                throw new IllegalStateException(
                        "the embedded PostgreSQL's password file " + file + " does not hold a password made here");
            }
            return password;
        } catch (IOException e) {
            throw new UncheckedIOException("could not keep the embedded PostgreSQL's password in " + file, e);
        }
    }

    private static void restrict(Path path, Set<PosixFilePermission> permissions) throws IOException {
        if (posix(path)) {
            Files.setPosixFilePermissions(path, permissions);
        }
    }

    private static boolean posix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix")
                && Files.getFileAttributeView(path.toAbsolutePath().getParent(), PosixFileAttributeView.class) != null;
    }
}
