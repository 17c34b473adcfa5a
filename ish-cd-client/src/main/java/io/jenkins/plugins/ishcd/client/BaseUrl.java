package io.jenkins.plugins.ishcd.client;

import edu.umd.cs.findbugs.annotations.NonNull;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * The API base URL rule: per the Ish CD API every request goes over HTTPS. Plain {@code http://}
 * is accepted only for loopback hosts ({@code localhost}, {@code 127.0.0.0/8}, {@code [::1]}),
 * which tests and the emulator use.
 */
public final class BaseUrl {
    /** The service's base URL, per the Ish CD API page. */
    public static final String DEFAULT = "https://api.ish-cd.com/v1";

    private BaseUrl() {}

    /**
     * @param text a base URL such as {@code https://api.ish-cd.com/v1}
     * @return the URL without a trailing slash
     * @throws IllegalArgumentException with one sentence naming the problem and the fix
     */
    @NonNull
    public static URI parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("The Ish CD API URL is empty: use " + DEFAULT + ".");
        }
        String trimmed = text.trim();
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        URI uri;
        try {
            uri = new URI(trimmed);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("The Ish CD API URL '" + shown(trimmed) + "' is not a URL: use the form "
                    + DEFAULT + ".");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            throw new IllegalArgumentException("The Ish CD API URL '" + shown(trimmed) + "' is not an http(s) URL with a host:"
                    + " use the form " + DEFAULT + ".");
        }
        if (uri.getPort() > 65535) {
            throw new IllegalArgumentException("The Ish CD API URL '" + shown(trimmed) + "' has port " + uri.getPort()
                    + ", above the highest TCP port 65535: give the port the API listens on, or none for 443.");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            // Not quoted: a user name or query part may hold a password or token.
            throw new IllegalArgumentException("The Ish CD API URL has a user name, query or fragment (not shown here):"
                    + " give only scheme, host, port and path, such as " + DEFAULT + ".");
        }
        if (scheme.equals("http") && !isLoopback(uri)) {
            throw new IllegalArgumentException("The Ish CD API URL '" + shown(trimmed) + "' uses plain http: Ish CD requires"
                    + " https (http is allowed only for localhost), so use https://" + uri.getRawAuthority()
                    + uri.getRawPath() + ".");
        }
        return uri;
    }

    /** The URL as safe to quote: no user info, query or fragment, at most 200 characters, one line. */
    private static String shown(String text) {
        String t = text;
        int cut = t.length();
        for (char c : new char[] {'?', '#'}) {
            int at = t.indexOf(c);
            cut = at >= 0 ? Math.min(cut, at) : cut;
        }
        t = t.substring(0, cut).replaceFirst("^([A-Za-z][A-Za-z0-9+.-]*://)[^/@]*@", "$1");
        t = Sanitize.oneLine(t);
        return t.length() > 200 ? t.substring(0, 199) + "…" : t;
    }

    /**
     * @param uri a URL
     * @return whether its host is {@code localhost} or a loopback address literal; no name is resolved
     */
    public static boolean isLoopback(@NonNull URI uri) {
        String host = uri.getHost();
        if (host == null) {
            return false;
        }
        host = host.toLowerCase(Locale.ROOT);
        if (host.equals("localhost")) {
            return true;
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        // Only literals: a name that merely resolves to 127.0.0.1 today is not trusted with plain http.
        if (!host.matches("[0-9.]+") && !host.contains(":")) {
            return false;
        }
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
