package io.fieldsync.accounting.admin.shell;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.fieldsync.accounting.api.CompanyId;
import io.fieldsync.accounting.api.DocumentKind;
import io.fieldsync.accounting.api.DocumentRef;

/** Kinds, statuses and documents as an admin types them: any case, {@code credit-note} as {@code CREDIT_NOTE}. */
final class DocumentNames {

    private DocumentNames() {
    }

    static <E extends Enum<E>> E parse(String value, Class<E> type, String what) {
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException unknown) {
            throw new IllegalArgumentException("'" + value + "' is not a " + what + "; one of " + Arrays.toString(type.getEnumConstants()));
        }
    }

    /** Every value of several options, each possibly a comma-separated list. */
    static <E extends Enum<E>> Set<E> parseAll(List<String> values, Class<E> type, String what) {
        Set<E> parsed = EnumSet.noneOf(type);
        if (values != null) {
            for (String value : values) {
                for (String one : value.split(",")) {
                    if (!one.isBlank()) {
                        parsed.add(parse(one, type, what));
                    }
                }
            }
        }
        return parsed;
    }

    /** {@code INVOICE/JOB-5001}: a kind and the host's id. */
    static DocumentRef document(CompanyId company, String kindSlashHostId) {
        int slash = kindSlashHostId.indexOf('/');
        if (slash <= 0 || slash == kindSlashHostId.length() - 1) {
            throw new IllegalArgumentException("'" + kindSlashHostId + "' does not name a document: give kind/hostId, e.g. INVOICE/JOB-5001");
        }
        return new DocumentRef(company, parse(kindSlashHostId.substring(0, slash), DocumentKind.class, "document kind"),
                kindSlashHostId.substring(slash + 1));
    }
}
