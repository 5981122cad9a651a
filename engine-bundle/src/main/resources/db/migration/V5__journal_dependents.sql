-- The credit notes and payments of one invoice are read at the door (over-payment, over-credit, currency checks)
-- and when their invoice arrives, so one company's rows are found by the invoice they depend on.
CREATE INDEX journal_depends_on ON journal (company_id, depends_on);
