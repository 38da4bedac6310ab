package uk.lifeline.backend.console;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Serves the consoles' pages and files (issue 16): every file read once at start, gzipped once, and its scripts and
 * stylesheet under {@code /console/v/{version}/...}, the version being a hash of their content, so browsers keep
 * them for a year and fetch them again only when they change, with no build step. Pages themselves are checked on
 * each visit ({@code no-cache}) and carry the consoles' Content-Security-Policy: scripts and styles from this
 * origin only, no inline script, no plugins, no framing, no base URL. JavaScript modules import each other by
 * relative paths, so a page that loads its module under the version loads every import under it too.
 */
@RestController
class ConsoleFiles {

    /** The policy every console page is served with (issue 12 item 8). */
    static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
            + " connect-src 'self' blob:; font-src 'self'; form-action 'self'; base-uri 'none'; object-src 'none';"
            + " frame-ancestors 'none'";

    static final String FOREVER = "public, max-age=31536000, immutable";

    /** One file as served: its bytes, gzipped bytes and type. Immutable. */
    record File(byte[] plain, byte[] gzipped, MediaType type) {}

    private final Map<String, File> files = new TreeMap<>();
    private final String version;

    ConsoleFiles() {
        Map<String, byte[]> read = read();
        this.version = version(read);
        read.forEach((path, bytes) -> {
            byte[] served = path.endsWith(".html")
                    ? versioned(new String(bytes, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8)
                    : bytes;
            files.put(path, new File(served, gzip(served), type(path)));
        });
    }

    String version() {
        return version;
    }

    @GetMapping({"/", "/index.html"})
    ResponseEntity<byte[]> signIn(ServerHttpRequest request) {
        return withPolicy("index.html", request);
    }

    @GetMapping("/console/{page:[a-z-]+}.html")
    ResponseEntity<byte[]> page(@PathVariable String page, ServerHttpRequest request) {
        return withPolicy("console/" + page + ".html", request);
    }

    @GetMapping("/console/v/{version}/{kind:js|css}/{name:[a-z0-9-]+\\.[a-z]+}")
    ResponseEntity<byte[]> asset(
            @PathVariable String version,
            @PathVariable String kind,
            @PathVariable String name,
            ServerHttpRequest request) {
        // An older version's page asking still gets the file, but nobody keeps it: it is not that version's.
        return send("console/" + kind + "/" + name, request, this.version.equals(version) ? FOREVER : "no-cache");
    }

    private ResponseEntity<byte[]> withPolicy(String path, ServerHttpRequest request) {
        ResponseEntity<byte[]> answer = send(path, request, "no-cache");
        if (answer.getStatusCode().is2xxSuccessful()) {
            return ResponseEntity.status(answer.getStatusCode())
                    .headers(answer.getHeaders())
                    .header("Content-Security-Policy", POLICY)
                    .header("Referrer-Policy", "no-referrer")
                    .body(answer.getBody());
        }
        return answer;
    }

    private ResponseEntity<byte[]> send(String path, ServerHttpRequest request, String cache) {
        File file = files.get(path);
        if (file == null) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND)
                    .contentType(MediaType.TEXT_PLAIN)
                    .body("Not found".getBytes(StandardCharsets.UTF_8));
        }
        boolean gzip = request.getHeaders().getOrEmpty(HttpHeaders.ACCEPT_ENCODING).stream()
                .anyMatch(v -> v.toLowerCase(java.util.Locale.ROOT).contains("gzip"));
        ResponseEntity.BodyBuilder answer = ResponseEntity.ok()
                .contentType(file.type())
                .header(HttpHeaders.CACHE_CONTROL, cache)
                .header(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING)
                .header("X-Content-Type-Options", "nosniff");
        if (gzip) {
            answer.header(HttpHeaders.CONTENT_ENCODING, "gzip");
        }
        return answer.body(gzip ? file.gzipped() : file.plain());
    }

    /** The page with its stylesheet and script under this version's path. */
    private String versioned(String html) {
        return html.replace("\"/console/css/", "\"/console/v/" + version + "/css/")
                .replace("\"/console/js/", "\"/console/v/" + version + "/js/");
    }

    private static Map<String, byte[]> read() {
        Map<String, byte[]> read = new TreeMap<>();
        try {
            for (String pattern : List.of(
                    "classpath:static/index.html",
                    "classpath:static/console/*.html",
                    "classpath:static/console/js/*.js",
                    "classpath:static/console/css/*.css")) {
                for (Resource r : new PathMatchingResourcePatternResolver().getResources(pattern)) {
                    String url = r.getURL().toString();
                    String path = url.substring(url.lastIndexOf("static/") + "static/".length());
                    try (InputStream in = r.getInputStream()) {
                        read.put(path, in.readAllBytes());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the consoles' files", e);
        }
        return read;
    }

    /** The first 12 hex digits of a SHA-256 over every script and stylesheet, names included. */
    private static String version(Map<String, byte[]> read) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            read.forEach((path, bytes) -> {
                if (!path.endsWith(".html")) {
                    sha.update(path.getBytes(StandardCharsets.UTF_8));
                    sha.update(bytes);
                }
            });
            return HexFormat.of().formatHex(sha.digest()).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    private static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static MediaType type(String path) {
        if (path.endsWith(".html")) {
            return new MediaType("text", "html", StandardCharsets.UTF_8);
        }
        if (path.endsWith(".css")) {
            return new MediaType("text", "css", StandardCharsets.UTF_8);
        }
        return new MediaType("text", "javascript", StandardCharsets.UTF_8);
    }
}
