package io.fieldsync.accounting.sandbox.http;

import io.fieldsync.accounting.sandbox.transport.CallTransport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * One incoming HTTP request, read once, answered once (or dropped on purpose), whichever server carried it (see
 * {@link CallTransport}). Paths are relative to where the sandbox is mounted.
 */
public final class HttpCall {

    private final CallTransport transport;
    private final String rawQuery;
    private final QueryString query;
    private byte[] body;
    private boolean answered;

    public HttpCall(CallTransport transport) {
        this.transport = transport;
        String q = transport.rawQuery();
        this.rawQuery = q == null ? "" : q;
        this.query = QueryString.parse(rawQuery);
    }

    public String method() {
        return transport.method().toUpperCase(Locale.ROOT);
    }

    /** The decoded request path below the mount point ("" or "/…"). */
    public String path() {
        return decodePath(transport.rawPath());
    }

    public String rawQuery() {
        return rawQuery;
    }

    public QueryString query() {
        return query;
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(transport.header(name));
    }

    public synchronized byte[] body() throws IOException {
        if (body == null) {
            try (InputStream in = transport.body()) {
                body = in.readAllBytes();
            }
        }
        return body;
    }

    public boolean answered() {
        return answered;
    }

    public void respond(ApiResponse response) throws IOException {
        answered = true;
        body(); // consume the request before answering, so that the connection can be reused
        transport.respond(response.status(), response.headers(), response.body());
    }

    /** Ends the exchange without an answer after a write was applied (fault injection); see {@link CallTransport#drop}. */
    public void dropConnection() throws IOException {
        answered = true;
        transport.drop();
    }

    /** Percent-decoding as {@link java.net.URI#getPath()} does it: UTF-8, '+' stays '+', a broken escape stays as it is. */
    static String decodePath(String raw) {
        if (raw == null) {
            return "";
        }
        if (raw.indexOf('%') < 0) {
            return raw;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length());
        int i = 0;
        while (i < raw.length()) {
            if (raw.charAt(i) == '%' && i + 2 < raw.length()) {
                int hi = Character.digit(raw.charAt(i + 1), 16);
                int lo = Character.digit(raw.charAt(i + 2), 16);
                if (hi >= 0 && lo >= 0) {
                    out.write(hi << 4 | lo);
                    i += 3;
                    continue;
                }
            }
            int codePoint = raw.codePointAt(i);
            out.writeBytes(new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8));
            i += Character.charCount(codePoint);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
