// Imports of customers, tax rates and items (jobs with progress and a decision per row), the sync log with its CSV and
// the calls that carried a document, and the chart of documents synced and failed per day.
import { BASE, get, send } from './api.js';
import { dailyChart } from './chart.js';
import { act, changed, page, path, say } from './page.js';
import { $, el, replaceRows, when } from './views.js';

const DAY = 24 * 60 * 60 * 1000;


function customersFromText(text) {
  return text.split(/\r?\n/).map(line => line.trim()).filter(line => line && !line.startsWith('#')).map((line, index) => {
    const [hostId, name, email] = line.split(',').map(part => part.trim());
    if (!hostId) {
      throw new Error(`line ${index + 1} has no id`);
    }
    return { hostId, name: name || null, email: email || null, phone: null, billingAddress: null };
  });
}

// ---- imports --------------------------------------------------------------------------------

const STEP = { QUEUED: 0, READING: 1, DECIDING: 2, DONE: 3, FAILED: 3 };
const CHOICES = {
  customers: [['', 'Keep'], ['MAPPED', 'Link to customer'], ['CREATE_IN_HOST', 'Create in your system'], ['IGNORED', 'Ignore']],
  reference: [['', 'Keep'], ['MAPPED', 'Link'], ['IGNORED', 'Unlink']]
};
const importState = { kind: 'customers', customers: [], job: null };

function importKind() {
  return $('import-kind').value;
}

$('import-kind').addEventListener('change', () => {
  const customers = importKind() === 'customers';
  $('import-customers-input').hidden = !customers;
  $('import-reference-note').hidden = customers;
  clearImport();
});

/** Starts an import job and follows it to its end, the bar moving with its steps; answers the finished job. */
async function runImport(body) {
  const bar = $('import-progress');
  bar.max = 3;
  bar.value = 0;
  $('import-run').disabled = true;
  $('import-apply').disabled = true;
  try {
    let job = await send('POST', path('/imports'), body);
    const url = job.url.slice(BASE.length);
    say(`Import of ${job.kind.replaceAll('-', ' ')} started.`);
    while (!['DONE', 'FAILED'].includes(job.state)) {
      showJob(job);
      await new Promise(resolve => setTimeout(resolve, 400));
      job = await get(url);
    }
    showJob(job);
    return job;
  } finally {
    $('import-run').disabled = false;
    $('import-apply').disabled = false;
  }
}

function showJob(job) {
  $('import-progress').value = STEP[job.state];
  const p = job.progress;
  $('import-counts').textContent = `${job.state.toLowerCase()}: ${p.rowsRead} read, ${p.matched} matched, ${p.decided} decided, `
    + `${p.created} to create, ${p.failed} failed`;
  $('import-section').dataset.state = job.state;
  if (job.steps.length) {
    $('import-result').textContent = job.steps[job.steps.length - 1];
  }
}

function decisionSelect(label, options, row) {
  const select = el('select', { 'aria-label': `Decision for ${label}`, 'data-row': row });
  options.forEach(([value, text]) => select.append(el('option', { value }, text)));
  return select;
}

function customerRows(report) {
  const rows = report.contacts.map(contact => {
    const decision = decisionSelect(contact.name, CHOICES.customers, contact.remoteId);
    const link = el('input', { 'aria-label': `Customer id to link ${contact.name} to`, value: contact.hostCustomerId || '' });
    return el('tr', { 'data-decision': contact.decision, 'data-remote': contact.remoteId || '', 'data-host': contact.hostCustomerId || '' },
      el('td', {}, contact.name), el('td', {}, contact.decision.replaceAll('_', ' ').toLowerCase()),
      el('td', {}, decision), el('td', {}, link), el('td', {}, contact.reason));
  });
  report.hostCustomersWithoutContact.forEach(hostId => {
    const decision = decisionSelect(hostId, [['', 'Keep'], ['CREATE_IN_ACCOUNTING_SYSTEM', 'Create in the accounting system']], hostId);
    rows.push(el('tr', { 'data-decision': 'NO_CONTACT', 'data-host': hostId },
      el('td', {}, `your customer ${hostId}`), el('td', {}, 'no contact'), el('td', {}, decision), el('td', {}, ''),
      el('td', {}, 'no contact of the same name')));
  });
  return rows;
}

function referenceRows(rows) {
  return rows.map(row => {
    const decision = decisionSelect(row.name, CHOICES.reference, row.key);
    const link = el('input', { 'aria-label': `Your value to link to ${row.key}`, value: row.linkedHostValues[0] || '' });
    return el('tr', { 'data-key': row.key, 'data-linked': row.linkedHostValues.join(','), 'data-active': String(row.active) },
      el('td', {}, `${row.key} · ${row.name}${row.active ? '' : ' (inactive)'}`),
      el('td', {}, row.linkedHostValues.length ? `linked to ${row.linkedHostValues.join(', ')}` : 'not linked'),
      el('td', {}, decision), el('td', {}, link), el('td', {}, ''));
  });
}

function showResult(job) {
  importState.job = job;
  if (job.state === 'FAILED') {
    say(`Import refused, nothing applied: ${job.error.message}`, true);
    return;
  }
  const result = job.result;
  if (job.kind === 'customers') {
    const counts = result.counts;
    $('import-result').textContent = `${counts.MAPPED} linked, ${counts.CREATE_IN_HOST} to create in your system, `
      + `${counts.CREATE_IN_ACCOUNTING_SYSTEM} to create in the accounting system, ${counts.IGNORED} ignored; `
      + `${result.hostCustomersWithoutContact.length} of your customers have no contact.`;
    replaceRows($('import-table'), customerRows(result));
  } else {
    const rows = job.kind === 'items' ? result.items : result.taxRates;
    $('import-result').textContent = `${rows.length} ${job.kind === 'items' ? 'items' : 'tax rates'} from ${result.organisationName}; `
      + `${rows.filter(row => row.linkedHostValues.length).length} linked.`;
    replaceRows($('import-table'), referenceRows(rows));
  }
  $('import-apply').hidden = false;
  say('Import finished.');
}

/** The admin's decisions as the API takes them; a row left on "Keep" is not sent. */
function decisions() {
  const choices = [];
  [...$('import-table').tBodies[0].rows].forEach((tr, index) => {
    const decision = tr.querySelector('select').value;
    const link = tr.querySelector('input')?.value.trim() || null;
    if (!decision) {
      return;
    }
    if (importState.job.kind === 'customers') {
      const remote = tr.dataset.remote || null;
      if (decision === 'MAPPED' && !link) {
        throw new Error(`row ${index + 1}: type the id of the customer to link`);
      }
      choices.push({ remoteContactId: decision === 'CREATE_IN_ACCOUNTING_SYSTEM' ? null : remote,
        hostCustomerId: decision === 'MAPPED' ? link : decision === 'CREATE_IN_ACCOUNTING_SYSTEM' ? tr.dataset.host : null, decision });
    } else if (decision === 'MAPPED') {
      if (!link) {
        throw new Error(`row ${index + 1}: type your ${importState.job.kind === 'items' ? 'category' : 'tax rate'} to link`);
      }
      choices.push({ hostValue: link, remoteKey: tr.dataset.key, decision });
    } else {
      tr.dataset.linked.split(',').filter(Boolean).forEach(hostValue => choices.push({ hostValue, remoteKey: null, decision }));
    }
  });
  return choices;
}

$('import-run').addEventListener('click', () => act('Import', async () => {
  const kind = importKind();
  clearImport();
  const body = { kind };
  if (kind === 'customers') {
    importState.customers = customersFromText($('import-customers').value);
    body.customers = importState.customers;
  }
  showResult(await runImport(body));
}));

$('import-apply').addEventListener('click', () => act('Apply decisions', async () => {
  const choices = decisions();
  if (!choices.length) {
    say('No decision changed: nothing to apply.');
    return;
  }
  const body = { kind: importState.job.kind, choices };
  if (body.kind === 'customers') {
    body.customers = importState.customers;
  }
  showResult(await runImport(body));
  page.reference = null;
}));

/** Another company's import report must not show under this one. */
export function clearImport() {
  importState.job = null;
  $('import-result').textContent = '';
  $('import-counts').textContent = '';
  $('import-progress').value = 0;
  $('import-apply').hidden = true;
  delete $('import-section').dataset.state;
  replaceRows($('import-table'), []);
}

// ---- sync log --------------------------------------------------------------------------------

function documentName(ref) {
  return `${ref.kind.toLowerCase().replace('_', ' ')} ${ref.hostId}`;
}

/** A batched call names every document it carried, so a document's log shows the batch that sent it. */
function carriedCell(line) {
  if (!line.carried || !line.carried.length) {
    return el('td', {}, '');
  }
  return el('td', { 'data-carried': line.carried.length },
    `batch of ${line.carried.length}: ${line.carried.slice(0, 10).map(documentName).join(', ')}${line.carried.length > 10 ? ', …' : ''}`);
}

export async function showLog() {
  const errorsOnly = $('log-errors').checked;
  const scope = page.logDocument ? `&kind=${page.logDocument.kind}&hostId=${encodeURIComponent(page.logDocument.hostId)}` : '';
  $('log-export').href = `${BASE}${path(`/sync-log.csv?errorsOnly=${errorsOnly}${scope}`)}`;
  $('log-scope').hidden = !page.logDocument;
  $('log-scope-text').textContent = page.logDocument ? `The calls for ${documentName(page.logDocument)}, batches that carried it included.` : '';
  const lines = await act('Sync log', () => get(path(`/sync-log?limit=100&errorsOnly=${errorsOnly}${scope}`)));
  if (lines && changed('log', { scope, lines })) {
    replaceRows($('log-table'), lines.map(line => el('tr', {},
      el('td', {}, when(line.at)), el('td', {}, `${line.provider} ${line.operation}`), el('td', {}, line.httpStatus),
      el('td', {}, line.durationMillis), el('td', {}, line.document ? documentName(line.document) : ''),
      carriedCell(line), el('td', {}, line.vendorError || ''))));
  }
}

/** Shows one document's calls in the sync log (from the documents table). */
export async function showDocumentLog(ref) {
  page.logDocument = ref;
  await showLog();
  $('log-section').scrollIntoView({ block: 'nearest' });
}

$('log-all').addEventListener('click', () => {
  page.logDocument = null;
  act('Sync log', showLog);
});
$('log-refresh').addEventListener('click', () => act('Sync log', showLog));
$('log-errors').addEventListener('change', () => act('Sync log', showLog));

// ---- chart -----------------------------------------------------------------------------------

/** Per day (UTC), the documents whose status became Synced or Failed that day and still is: the API's totals. */
export async function showChart() {
  const today = Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate());
  const days = Array.from({ length: 14 }, (_, i) => today - (13 - i) * DAY);
  const total = (status, from) => get(path(`/documents?status=${status}&limit=1&updatedFrom=${new Date(from).toISOString()}`
    + `&updatedBefore=${new Date(from + DAY).toISOString()}`)).then(answer => answer.total);
  const counts = await act('Chart', () => Promise.all(days.map(async from => ({
    day: new Date(from).toISOString().slice(0, 10), synced: await total('SYNCED', from), failed: await total('FAILED', from)
  }))));
  if (counts && changed('chart', counts)) {
    $('chart').replaceChildren(dailyChart(counts));
  }
}
