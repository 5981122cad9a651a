package io.fieldsync.accounting.engine.store;

import io.fieldsync.accounting.api.CompanyId;

/**
 * A company's documents that go to one provider and have something due: the dispatcher's unit of work.
 *
 * @param company the company
 * @param provider the provider id they go to, maybe not installed, or {@value CompanyProviders#NONE}
 */
public record DueLane(CompanyId company, String provider) {
}
