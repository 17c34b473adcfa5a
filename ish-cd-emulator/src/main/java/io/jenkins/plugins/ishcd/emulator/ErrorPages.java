package io.jenkins.plugins.ishcd.emulator;

import java.util.Map;

/**
 * The bodies of error answers. 5xx answers carry HTML, because in front of the real service they come
 * from a gateway (nginx) or from the Drupal site's error page, not from the JSON API.
 */
final class ErrorPages {

    private static final Map<Integer, String> REASONS = Map.ofEntries(
            Map.entry(400, "Bad Request"), Map.entry(401, "Unauthorized"), Map.entry(403, "Forbidden"),
            Map.entry(404, "Not Found"), Map.entry(405, "Method Not Allowed"), Map.entry(409, "Conflict"),
            Map.entry(429, "Too Many Requests"), Map.entry(500, "Internal Server Error"),
            Map.entry(502, "Bad Gateway"), Map.entry(503, "Service Temporarily Unavailable"),
            Map.entry(504, "Gateway Time-out"));

    private ErrorPages() {
    }

    /** @return the standard reason phrase, or {@code "Error"} */
    static String reason(int status) {
        return REASONS.getOrDefault(status, "Error");
    }

    /** @return the HTML page a gateway or the site answers with, for a 5xx status */
    static String html(int status) {
        if (status == 500) {
            // Drupal's own page for an uncaught exception.
            return "<!DOCTYPE html>\n<html><head><title>Error | Ish CD</title></head>\n"
                    + "<body>The website encountered an unexpected error. Please try again later.</body></html>\n";
        }
        // nginx's default error page, as a gateway in front of the service sends it.
        String title = status + " " + reason(status);
        return "<html>\r\n<head><title>" + title + "</title></head>\r\n<body>\r\n<center><h1>" + title
                + "</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";
    }
}
