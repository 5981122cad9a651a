package io.fieldsync.accounting.admin;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpSession;

import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.fieldsync.accounting.api.CompanyId;

/** One authenticated request as the endpoints see it: who, the path's values, the query and the JSON body. */
final class ApiCall {

    /** Far above any mapping or settings document; a bigger body is refused before it is read. */
    static final int MAX_BODY = 256 * 1024;

    private final HttpServletRequest request;
    private final AdminUser user;
    private final Map<String, String> pathValues;
    private final ObjectMapper json;

    ApiCall(HttpServletRequest request, AdminUser user, Map<String, String> pathValues, ObjectMapper json) {
        this.request = request;
        this.user = user;
        this.pathValues = Map.copyOf(pathValues);
        this.json = json;
    }

    AdminUser user() {
        return user;
    }

    HttpServletRequest request() {
        return request;
    }

    HttpSession session() {
        return request.getSession(true);
    }

    String path(String name) {
        return pathValues.get(name);
    }

    CompanyId company() {
        try {
            return CompanyId.of(path("company"));
        } catch (IllegalArgumentException bad) {
            throw ApiProblem.badRequest(bad.getMessage());
        }
    }

    List<String> query(String name) {
        String[] values = request.getParameterMap().get(name);
        return values == null ? List.of() : List.of(values);
    }

    Optional<String> single(String name) {
        List<String> values = query(name);
        if (values.size() > 1) {
            throw ApiProblem.badRequest("'" + name + "' may be given once, not " + values.size() + " times");
        }
        return values.stream().findFirst();
    }

    int integer(String name, int fallback, int min, int max) {
        Optional<String> value = single(name);
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            int number = Integer.parseInt(value.get().strip());
            if (number < min || number > max) {
                throw ApiProblem.badRequest("'" + name + "' must be " + min + "-" + max + ", not " + number);
            }
            return number;
        } catch (NumberFormatException notANumber) {
            throw ApiProblem.badRequest("'" + name + "' must be a whole number, not '" + value.get() + "'");
        }
    }

    private static ApiProblem malformed(StreamReadException malformed) {
        String words = malformed.getOriginalMessage() == null ? "unreadable" : malformed.getOriginalMessage().lines().findFirst().orElse("");
        words = words.replaceAll("\\s*\\(start marker at .*", "").strip();
        String where = malformed.getLocation() == null ? ""
                : " (line " + malformed.getLocation().getLineNr() + ", column " + malformed.getLocation().getColumnNr() + ")";
        return ApiProblem.badRequest("Malformed JSON: " + words + where);
    }

    /** The JSON body as {@code type}, every field required (a replacement leaves nothing to chance), read whole before anything is applied. */
    <T> T body(Class<T> type) throws IOException {
        return body(type, true);
    }

    /** The JSON body as {@code type}; {@code everyFieldRequired} false lets fields be left out (null). */
    <T> T body(Class<T> type, boolean everyFieldRequired) throws IOException {
        String contentType = Optional.ofNullable(request.getContentType()).orElse("");
        if (!contentType.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
            throw new ApiProblem(415, "The body must be JSON (Content-Type: application/json), not '" + contentType + "'");
        }
        if (request.getContentLengthLong() > MAX_BODY) {
            throw new ApiProblem(413, "The body may have at most " + MAX_BODY + " bytes");
        }
        byte[] bytes;
        try (InputStream in = request.getInputStream()) {
            bytes = in.readNBytes(MAX_BODY + 1);
        }
        if (bytes.length > MAX_BODY) {
            throw new ApiProblem(413, "The body may have at most " + MAX_BODY + " bytes");
        }
        if (bytes.length == 0) {
            throw ApiProblem.badRequest("The body is empty: send a JSON object");
        }
        try {
            T value = everyFieldRequired ? json.readValue(bytes, type)
                    : json.readerFor(type).without(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES).readValue(bytes);
            if (value == null) {
                throw ApiProblem.badRequest("The body is null: send a JSON object");
            }
            return value;
        } catch (JsonMappingException unreadable) {
            if (unreadable.getCause() instanceof StreamReadException malformed) {
                // Jackson wraps a syntax error met inside a field's value; it is still malformed JSON
                throw malformed(malformed);
            }
            throw ApiProblem.badRequest("Invalid body: " + AdminJson.describe(unreadable));
        } catch (StreamReadException malformed) {
            throw malformed(malformed);
        }
    }
}
