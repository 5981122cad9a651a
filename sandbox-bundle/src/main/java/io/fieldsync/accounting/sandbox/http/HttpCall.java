package io.fieldsync.accounting.sandbox.http;

import io.fieldsync.accounting.sandbox.transport.CallTransport;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.InflaterInputStream;
import java.util.zip.ZipException;

/**
 * One incoming HTTP request, read once, answered once (or dropped on purpose), whichever server carried it (see
 * {@link CallTransport}). Paths are relative to where the sandbox is mounted.
 */
public final class HttpCall {

    private final CallTransport transport;
    private final String rawQuery;
    private final QueryString query;
    private final boolean decodesContentEncoding;
    private byte[] body;
    private boolean answered;

    public HttpCall(CallTransport transport) {
        this(transport, false);
    }

    private HttpCall(CallTransport transport, boolean decodesContentEncoding) {
        this.transport = transport;
        this.decodesContentEncoding = decodesContentEncoding;
        String q = transport.rawQuery();
        this.rawQuery = q == null ? "" : q;
        this.query = QueryString.parse(rawQuery);
    }

    /**
     * A call whose {@link #body()} is the body after its {@code Content-Encoding} (gzip or deflate) is undone, and whose
     * answer is compressed as its {@code Accept-Encoding} asks, for a service that does both (QuickBooks Online:
     * Intuit's SDK compresses every body and asks for compressed answers by default).
     */
    public static HttpCall decodingContentEncoding(CallTransport transport) {
        return new HttpCall(transport, true);
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

    /**
     * The request body; for a call made with {@link #decodingContentEncoding}, decompressed.
     *
     * @throws UnreadableBody when the body is not in the Content-Encoding the request names
     */
    public synchronized byte[] body() throws IOException {
        if (body == null) {
            try (InputStream in = transport.body()) {
                body = in.readAllBytes();
            }
            if (decodesContentEncoding) {
                body = decode(body, header("Content-Encoding").orElse("").trim().toLowerCase(Locale.ROOT));
            }
        }
        return body;
    }

    private static byte[] decode(byte[] raw, String encoding) throws UnreadableBody {
        if (raw.length == 0 || encoding.isEmpty() || encoding.equals("identity")) {
            return raw;
        }
        try {
            return switch (encoding) {
                case "gzip", "x-gzip" -> new GZIPInputStream(new ByteArrayInputStream(raw)).readAllBytes();
                case "deflate" -> new InflaterInputStream(new ByteArrayInputStream(raw)).readAllBytes();
                default -> throw new UnreadableBody("Content-Encoding " + encoding + " is not supported");
            };
        } catch (ZipException | EOFException e) {
            throw new UnreadableBody("the body is not the " + encoding + " its Content-Encoding names");
        } catch (UnreadableBody e) {
            throw e;
        } catch (IOException e) {
            throw new UnreadableBody("the " + encoding + " body could not be read: " + e.getMessage());
        }
    }

    /** A request body that cannot be decoded as its headers say: the client's fault, never the sandbox's. */
    public static final class UnreadableBody extends IOException {

        private static final long serialVersionUID = 1L;

        UnreadableBody(String message) {
            super(message);
        }
    }

    public boolean answered() {
        return answered;
    }

    public void respond(ApiResponse response) throws IOException {
        answered = true;
        try {
            body(); // consume the request before answering, so that the connection can be reused
        } catch (UnreadableBody consumedAnyway) {
            // the bytes were read; only their decoding failed
        }
        ApiResponse sent = decodesContentEncoding ? encodedAsAccepted(response) : response;
        transport.respond(sent.status(), sent.headers(), sent.body());
    }

    /**
     * The answer compressed as the request's {@code Accept-Encoding} asks (gzip preferred, else deflate), for a
     * service that compresses its answers (QuickBooks Online); unchanged when nothing it knows is accepted.
     */
    private ApiResponse encodedAsAccepted(ApiResponse response) throws IOException {
        if (response.body().length == 0 || response.headers().containsKey("Content-Encoding")) {
            return response;
        }
        String accepted = header("Accept-Encoding").orElse("").toLowerCase(Locale.ROOT);
        String encoding = accepts(accepted, "gzip") ? "gzip" : accepts(accepted, "deflate") ? "deflate" : null;
        if (encoding == null) {
            return response;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = encoding.equals("gzip") ? new GZIPOutputStream(bytes)
                : new DeflaterOutputStream(bytes)) {
            out.write(response.body());
        }
        return new ApiResponse(response.status(), response.headers(), bytes.toByteArray())
                .withHeader("Content-Encoding", encoding);
    }

    /** Whether an Accept-Encoding value names {@code coding} (or *) without q=0 (RFC 9110 §12.5.3). */
    static boolean accepts(String acceptEncoding, String coding) {
        for (String part : acceptEncoding.split(",")) {
            String[] pieces = part.trim().split(";");
            String name = pieces[0].trim();
            if (!name.equals(coding) && !name.equals("*")) {
                continue;
            }
            boolean refused = false;
            for (int i = 1; i < pieces.length; i++) {
                String p = pieces[i].trim().replace(" ", "");
                if (p.startsWith("q=")) {
                    try {
                        refused = Double.parseDouble(p.substring(2)) <= 0;
                    } catch (NumberFormatException e) {
                        refused = true;
                    }
                }
            }
            if (!refused) {
                return true;
            }
        }
        return false;
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
