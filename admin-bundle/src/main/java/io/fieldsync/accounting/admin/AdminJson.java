package io.fieldsync.accounting.admin;

import java.io.IOException;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.fieldsync.accounting.api.CompanyId;
import io.fieldsync.accounting.api.admin.Mappings;
import io.fieldsync.accounting.api.admin.SyncSettings;

/**
 * The API's JSON: instants as ISO-8601 strings, absent values left out, and bodies read strictly: an unknown or
 * missing field, a trailing token or a wrong type is a 400 naming the field, never a silently half-read request.
 */
final class AdminJson {

    private AdminJson() {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    private interface EveryFieldShown {
    }

    static ObjectMapper mapper() {
        SimpleModule ids = new SimpleModule("accounting-ids");
        ids.addSerializer(CompanyId.class, new JsonSerializer<>() {
            @Override
            public void serialize(CompanyId value, JsonGenerator generator, SerializerProvider serializers) throws IOException {
                generator.writeString(value.value());
            }
        });
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .addModule(ids)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .serializationInclusion(JsonInclude.Include.NON_NULL)
                // a mapping or polling interval left unset shows as null, so what GET answers can be edited and PUT back whole
                .addMixIn(Mappings.class, EveryFieldShown.class)
                .addMixIn(SyncSettings.class, EveryFieldShown.class)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .build();
    }

    /** What a caller can act on: Jackson's first line and the path of the field, without our class names. */
    static String describe(JsonMappingException problem) {
        String field = problem.getPath().stream()
                .map(reference -> reference.getFieldName() != null ? reference.getFieldName() : "[" + reference.getIndex() + "]")
                .reduce((left, right) -> right.startsWith("[") ? left + right : left + "." + right)
                .orElse("");
        String words = problem.getOriginalMessage() == null ? "unreadable value" : problem.getOriginalMessage().lines().findFirst().orElse("");
        words = words.replaceAll("\\(class [^)]*\\)", "").replaceAll("`[a-z]+(\\.[a-zA-Z$]+)+`", "").replaceAll("\\s+", " ").strip();
        return field.isEmpty() ? words : "'" + field + "': " + words;
    }
}
