package uk.lifeline.backend.delivery;

import com.google.api.client.http.HttpTransport;
import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.firebase.internal.ApacheHttp2Transport;
import java.net.HttpURLConnection;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import org.apache.hc.client5.http.config.TlsConfig;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.client5.http.impl.routing.DefaultRoutePlanner;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http2.HttpVersionPolicy;
import org.apache.hc.core5.net.URIAuthority;

/**
 * A stand-in for Google at {@code lifeline.push.endpoint} (a fake FCM on loopback, for tests and load tests): every
 * request for {@code *.googleapis.com}, FCM's and the OAuth token exchange alike, goes to it instead, in clear text,
 * over HTTP/1.1 or HTTP/2. The base URL's path, if any, goes before each request's path.
 */
final class LoopbackGoogle {

    private final String base;
    private final HttpHost host;
    private final String prefix;

    LoopbackGoogle(String endpoint) {
        URI uri = URI.create(endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint);
        if (!"http".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException(
                    "lifeline.push.endpoint must be an http:// URL (a fake FCM in clear text), not " + endpoint);
        }
        this.base = uri.toString();
        this.host = new HttpHost("http", uri.getHost(), uri.getPort() < 0 ? 80 : uri.getPort());
        this.prefix = uri.getRawPath() == null ? "" : uri.getRawPath();
    }

    /** The one rule: which requests are Google's, and so go to the stand-in. */
    static boolean isGoogle(String hostName) {
        return hostName.equals("googleapis.com") || hostName.endsWith(".googleapis.com");
    }

    /** HTTP/1.1 on the JDK's {@code HttpURLConnection}, kept alive per sending thread. */
    HttpTransport http1() {
        return new NetHttpTransport.Builder()
                .setConnectionFactory(url -> (HttpURLConnection) redirect(url).openConnection())
                .build();
    }

    private URL redirect(URL url) throws MalformedURLException {
        return isGoogle(url.getHost()) ? URI.create(base + url.getFile()).toURL() : url;
    }

    /**
     * HTTP/2 in clear text with prior knowledge (h2c) on firebase-admin's own transport and its Apache HttpClient 5
     * settings (what it uses against Google, over TLS), with the route to Google's hosts replaced.
     */
    HttpTransport http2() {
        DefaultRoutePlanner direct = new DefaultRoutePlanner(null);
        return new ApacheHttp2Transport(ApacheHttp2Transport.defaultHttpAsyncClientBuilder()
                // firebase-admin's own limits; h2c forced rather than negotiated (there is no TLS to negotiate in).
                .setConnectionManager(PoolingAsyncClientConnectionManagerBuilder.create()
                        .setMaxConnTotal(200)
                        .setMaxConnPerRoute(100)
                        .setDefaultTlsConfig(TlsConfig.custom()
                                .setVersionPolicy(HttpVersionPolicy.FORCE_HTTP_2)
                                .build())
                        .build())
                .setRoutePlanner((target, context) ->
                        direct.determineRoute(isGoogle(target.getHostName()) ? host : target, context))
                .addRequestInterceptorFirst((request, entity, context) -> {
                    if (request.getAuthority() != null
                            && isGoogle(request.getAuthority().getHostName())) {
                        request.setScheme(host.getSchemeName());
                        request.setAuthority(new URIAuthority(host));
                        request.setPath(prefix + request.getPath());
                    }
                })
                .build());
    }
}
