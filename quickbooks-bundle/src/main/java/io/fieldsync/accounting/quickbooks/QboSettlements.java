package io.fieldsync.accounting.quickbooks;

import java.util.ArrayList;
import java.util.List;

import io.fieldsync.accounting.api.spi.CreditNotePush;
import io.fieldsync.accounting.api.spi.PaymentPush;
import io.fieldsync.accounting.api.spi.ProviderSession;
import io.fieldsync.accounting.api.spi.PushOutcome;

/**
 * A turn's credit memos and payments in one {@code POST /batch}: the items of one batch request may be of different
 * entities (Intuit BatchItemRequest, api-facts §4), so the new memos and the payments sent straight share the call that
 * would otherwise be two. The memos' items go first; each half reads its own answers, by position, exactly as when
 * it is sent alone (lost answers, refusals explained, memos then applied in the next call). Payments that read
 * QuickBooks first (in doubt, changed, customer unknown) go through {@link QboPayments#push} afterwards, so a limit met
 * by the shared batch stops the turn before they write anything.
 */
final class QboSettlements {

    private final QboBatch batch;
    private final QboCreditMemos creditMemos;
    private final QboPayments payments;

    QboSettlements(QboBatch batch, QboCreditMemos creditMemos, QboPayments payments) {
        this.batch = batch;
        this.creditMemos = creditMemos;
        this.payments = payments;
    }

    List<PushOutcome> push(ProviderSession session, List<CreditNotePush> memos, List<PaymentPush> pushes) {
        List<PaymentPush> read = pushes.stream().filter(push -> !QboPayments.straight(push)).toList();
        QboPayments.Straight straight = payments.straight(session, pushes.stream().filter(QboPayments::straight).toList());
        List<PushOutcome> outcomes = new ArrayList<>();
        List<List<QboBatch.Answer>> paymentAnswers = new ArrayList<>(1);
        if (!memos.isEmpty()) {
            outcomes.addAll(creditMemos.push(session, memos, memoItems -> {
                List<QboBatch.Item> items = new ArrayList<>(memoItems);
                items.addAll(straight.items());
                List<QboBatch.Answer> answers = batch.run(session, "settlement", items);
                paymentAnswers.add(answers.subList(memoItems.size(), answers.size()));
                return answers.subList(0, memoItems.size());
            }));
        }
        if (paymentAnswers.isEmpty()) {
            // no memo was created in this turn (none due, or each settled before its batch): the payments go alone
            paymentAnswers.add(straight.items().isEmpty() ? List.of() : batch.run(session, "payment", straight.items()));
        }
        outcomes.addAll(payments.answered(session, straight, paymentAnswers.get(0)));
        if (!read.isEmpty()) {
            outcomes.addAll(payments.push(session, read));
        }
        return outcomes;
    }
}
