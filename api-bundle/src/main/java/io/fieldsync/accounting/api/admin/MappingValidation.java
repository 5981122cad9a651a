package io.fieldsync.accounting.api.admin;

import java.util.List;

/**
 * The result of checking mappings against the accounting system's reference data: every gap named.
 *
 * @param gaps what is missing or points at something inactive; empty when the mappings are complete
 */
public record MappingValidation(List<MappingGap> gaps) {

    /** Copies the list. */
    public MappingValidation {
        gaps = List.copyOf(gaps);
    }

    /** True when nothing is missing. */
    public boolean isComplete() {
        return gaps.isEmpty();
    }
}
