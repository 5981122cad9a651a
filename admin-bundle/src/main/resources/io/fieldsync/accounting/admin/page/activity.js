// Import of customers, the sync log with its CSV, and the chart of documents synced and failed per day.
import { BASE, get, send } from './api.js';
import { dailyChart } from './chart.js';
import { act, changed, path, say } from './page.js';
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

$('import-run').addEventListener('click', () => {
  const bar = $('import-progress');
  act('Import', async () => {
    const customers = customersFromText($('import-customers').value);
    bar.removeAttribute('value');
    $('import-run').disabled = true;
    say(`Importing against the accounting system's contacts…`);
    const report = await send('POST', path('/import/customers'), { customers });
    bar.value = 1;
    const counts = report.counts;
    $('import-result').textContent = `${counts.MAPPED} linked, ${counts.CREATE_IN_HOST} to create in your system, `
      + `${counts.IGNORED} ignored; ${report.hostCustomersWithoutContact.length} of your customers have no contact.`;
    replaceRows($('import-table'), report.contacts.map(c => el('tr', { 'data-decision': c.decision },
      el('td', {}, c.name), el('td', {}, c.decision.replaceAll('_', ' ').toLowerCase()), el('td', {}, c.reason))));
    say('Import finished.');
  }).finally(() => {
    $('import-run').disabled = false;
    if (!bar.hasAttribute('value')) {
      bar.value = 0;
    }
  });
});

/** Another company's import report must not show under this one. */
export function clearImport() {
  $('import-result').textContent = '';
  $('import-progress').value = 0;
  replaceRows($('import-table'), []);
}

// ---- sync log --------------------------------------------------------------------------------

export async function showLog() {
  const errorsOnly = $('log-errors').checked;
  $('log-export').href = `${BASE}${path(`/sync-log.csv?errorsOnly=${errorsOnly}`)}`;
  const lines = await act('Sync log', () => get(path(`/sync-log?limit=100&errorsOnly=${errorsOnly}`)));
  if (lines && changed('log', lines)) {
    replaceRows($('log-table'), lines.map(line => el('tr', {},
      el('td', {}, when(line.at)), el('td', {}, `${line.provider} ${line.operation}`), el('td', {}, line.httpStatus),
      el('td', {}, line.durationMillis), el('td', {}, line.document ? `${line.document.kind.toLowerCase()} ${line.document.hostId}` : ''),
      el('td', {}, line.vendorError || ''))));
  }
}

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
