-- A batched call (PUT /Invoices with 50 invoices, a QuickBooks /batch) is logged once and linked to every document it
-- carried, so the sync log filtered by one of them finds it. At most the provider's batch size of links per call.
CREATE TABLE sync_log_documents (
    call_id             BIGINT        NOT NULL REFERENCES sync_log (id) ON DELETE CASCADE,
    company_id          VARCHAR(64)   NOT NULL,
    document_kind       VARCHAR(16)   NOT NULL,
    document_host_id    VARCHAR(128)  NOT NULL,
    PRIMARY KEY (call_id, document_kind, document_host_id)
);
CREATE INDEX sync_log_documents_document ON sync_log_documents (company_id, document_kind, document_host_id, call_id);
