package io.fieldsync.accounting.sandbox.qbo.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fieldsync.accounting.sandbox.SandboxJson;
import io.fieldsync.accounting.sandbox.qbo.ledger.Company;
import io.fieldsync.accounting.sandbox.qbo.wire.QboTime;

/** The CompanyInfo entity, built from the company (its Id is the realm id, as in QBO; Country as seeded). */
final class CompanyInfo {

    private CompanyInfo() {
    }

    static ObjectNode of(Company company) {
        ObjectNode info = SandboxJson.object();
        info.put("CompanyName", company.name());
        info.put("LegalName", company.name());
        // Country is what tells a client which tax model the company uses (US: sales tax; others: global)
        boolean us = company.usesUsSalesTax();
        info.put("Country", company.country());
        ObjectNode address = info.putObject("CompanyAddr");
        address.put("Line1", "1 Sandbox Street");
        address.put("City", us ? "Sacramento" : "Sydney");
        address.put("CountrySubDivisionCode", us ? "CA" : "NSW");
        address.put("PostalCode", us ? "95814" : "2000");
        address.put("Country", company.country());
        info.putObject("Email").put("Address", "owner@fieldsync-demo.example");
        info.put("SupportedLanguages", "en");
        info.put("FiscalYearStartMonth", us ? "January" : "July");
        info.put("domain", "QBO");
        info.put("sparse", false);
        info.put("Id", company.realmId());
        info.put("SyncToken", "0");
        ObjectNode meta = info.putObject("MetaData");
        meta.put("CreateTime", QboTime.meta(company.createdAt()));
        meta.put("LastUpdatedTime", QboTime.meta(company.createdAt()));
        return info;
    }
}
