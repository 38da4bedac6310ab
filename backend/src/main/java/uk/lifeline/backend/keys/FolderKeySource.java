package uk.lifeline.backend.keys;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import uk.lifeline.code.Pem;

/**
 * Keys as PEM files: {@code <dir>/<owner>/<purpose>/<kid>.key} (PKCS#8 private key, readable by its owner
 * only) beside {@code <kid>.pem} (the public key or a certificate). Owner {@code backend} holds the token-signing
 * keys; each supplier's code names its folder. Thread-safe: files are written whole, then moved into place.
 */
final class FolderKeySource implements KeySource {

    private final Path dir;

    FolderKeySource(Path dir) {
        this.dir = dir;
    }

    @Override
    public List<EcKeyPair> load(String owner, KeyPurpose purpose) {
        Path folder = folder(owner, purpose);
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        List<EcKeyPair> keys = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path key : files.filter(f -> f.getFileName().toString().endsWith(".key"))
                    .sorted()
                    .toList()) {
                String name = key.getFileName().toString();
                String kid = name.substring(0, name.length() - 4);
                keys.add(new EcKeyPair(kid, (ECPrivateKey) Pem.readPrivateKey(key), (ECPublicKey)
                        Pem.readPublicKey(key.resolveSibling(kid + ".pem"))));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read keys in " + folder, e);
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new IllegalStateException("a key in " + folder + " is not a P-256 PEM key", e);
        }
        return keys;
    }

    @Override
    public void store(String owner, KeyPurpose purpose, EcKeyPair key) {
        Path folder = folder(owner, purpose);
        try {
            Files.createDirectories(folder);
            restrict(dir);
            write(folder.resolve(key.kid() + ".pem"), Pem.encode(key.publicKey()), false);
            write(folder.resolve(key.kid() + ".key"), Pem.encode(key.privateKey()), true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a key into " + folder, e);
        }
    }

    @Override
    public String describe() {
        return "key folder " + dir;
    }

    private Path folder(String owner, KeyPurpose purpose) {
        if (!owner.matches("[a-z0-9-]+")) {
            throw new IllegalArgumentException("key owners are lower-case codes: " + owner);
        }
        return dir.resolve(owner).resolve(purpose.folder());
    }

    private static void write(Path file, String text, boolean secret) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(temporary);
        Files.createFile(temporary);
        if (secret) {
            restrict(temporary);
        }
        Files.writeString(
                temporary, text, StandardCharsets.US_ASCII, StandardOpenOption.WRITE, StandardOpenOption.SYNC);
        Files.move(temporary, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private static void restrict(Path path) throws IOException {
        try {
            Files.setPosixFilePermissions(
                    path, PosixFilePermissions.fromString(Files.isDirectory(path) ? "rwx------" : "rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // Windows: the folder's own access control applies.
        }
    }
}
