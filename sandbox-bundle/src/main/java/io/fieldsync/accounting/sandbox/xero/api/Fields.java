package io.fieldsync.accounting.sandbox.xero.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.fieldsync.accounting.sandbox.xero.wire.XeroDates;
import io.fieldsync.accounting.sandbox.xero.wire.XeroErrors;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;

/** Reading request fields; a field of the wrong JSON type fails the request as PostDataInvalidException. */
final class Fields {

    private Fields() {
    }

    static Optional<String> text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isValueNode()) {
            throw invalid(field);
        }
        String s = v.asText();
        return s.isBlank() ? Optional.empty() : Optional.of(s.trim());
    }

    static Optional<BigDecimal> decimal(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (v.isNumber()) {
            return Optional.of(v.decimalValue());
        }
        if (v.isTextual()) {
            try {
                return Optional.of(new BigDecimal(v.asText().trim()));
            } catch (NumberFormatException e) {
                throw invalid(field);
            }
        }
        throw invalid(field);
    }

    static Optional<Boolean> bool(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (v.isBoolean()) {
            return Optional.of(v.booleanValue());
        }
        if (v.isTextual()) {
            return Optional.of(Boolean.parseBoolean(v.asText()));
        }
        throw invalid(field);
    }

    /** A UUID field; an unparsable id reads as "not found" (empty) rather than failing the request. */
    static Optional<UUID> uuid(JsonNode node, String field) {
        return text(node, field).flatMap(Fields::parseUuid);
    }

    static Optional<UUID> parseUuid(String s) {
        try {
            return Optional.of(UUID.fromString(s.trim()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    static Optional<LocalDate> date(JsonNode node, String field) {
        Optional<String> s = text(node, field);
        if (s.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(XeroDates.parseDate(s.get()));
        } catch (DateTimeException | NumberFormatException e) {
            throw invalid(field);
        }
    }

    static XeroApiException invalid(String field) {
        return new XeroApiException(XeroErrors.postDataInvalid("The value of '" + field + "' could not be read."));
    }
}
