// Documents with their status chips, Retry / Send now / Retry failed, and the historical invoices' progress.
import { get, send } from './api.js';
import { showDocumentLog } from './activity.js';
import { showConnection } from './connection.js';
import { act, changed, page, path, say } from './page.js';
import { $, chip, el, replaceRows, when } from './views.js';


function documentRow(line) {
  const ref = line.document;
  const label = `${ref.kind.toLowerCase().replace('_', ' ')} ${ref.hostId}`;
  const actions = [];
  if (line.status === 'FAILED') {
    actions.push(el('button', { type: 'button', class: 'secondary', 'aria-label': `Retry ${label}`,
      onclick: () => act('Retry', async () => {
        await send('POST', path(`/documents/${ref.kind}/${encodeURIComponent(ref.hostId)}/retry`));
        say(`Retrying ${label}.`);
        await refreshDocuments();
      }) }, 'Retry'));
  }
  if (line.backingOff) {
    actions.push(el('button', { type: 'button', class: 'secondary', 'aria-label': `Send ${label} now`,
      onclick: () => act('Send now', async () => {
        await send('POST', path(`/documents/${ref.kind}/${encodeURIComponent(ref.hostId)}/send-now`));
        say(`Sending ${label} now.`);
        await refreshDocuments();
      }) }, 'Send now'));
  }
  actions.push(el('button', { type: 'button', class: 'secondary', 'aria-label': `Calls for ${label}`,
    onclick: () => act('Sync log', () => showDocumentLog(ref)) }, 'Log'));
  const reason = line.error && line.status !== 'SYNCED' ? el('span', { class: 'reason' }, line.error.message) : '';
  return el('tr', { 'data-host-id': ref.hostId, 'data-kind': ref.kind, 'data-status': line.status },
    el('td', {}, ref.kind.replace('_', ' ').toLowerCase()),
    el('td', {}, ref.hostId, line.remoteNumber ? ` → ${line.remoteNumber}` : ''),
    el('td', {}, chip(line.status), reason),
    el('td', {}, line.provider || '—'),
    el('td', {}, line.attempts),
    el('td', {}, when(line.updatedAt)),
    el('td', {}, actions));
}

export async function showDocuments() {
  const status = $('filter-status').value;
  const text = $('filter-text').value.trim();
  const query = new URLSearchParams({ limit: '100' });
  if (status) {
    query.set('status', status);
  }
  if (text) {
    query.set('text', text);
  }
  const pageOfRows = await act('Documents', () => get(path(`/documents?${query}`)));
  if (!pageOfRows || !changed('documents', pageOfRows)) {
    return false;
  }
  replaceRows($('documents-table'), pageOfRows.documents.map(documentRow));
  $('documents-total').textContent = `${pageOfRows.total} document${pageOfRows.total === 1 ? '' : 's'}`
    + (pageOfRows.total > pageOfRows.documents.length ? `, the ${pageOfRows.documents.length} last changed shown` : '');
  return true;
}

export async function refreshDocuments() {
  // what the admin just queued may be sent before the next tick sees it queued: follow it at least once more
  page.following = true;
  await Promise.all([showDocuments(), showConnection(), showHistory()]);
}

$('documents-filter').addEventListener('submit', event => {
  event.preventDefault();
  act('Documents', refreshDocuments);
});

$('retry-failed').addEventListener('click', () => act('Retry failed', async () => {
  const { retried } = await send('POST', path('/documents/retry-failed'));
  say(`Retrying ${retried} failed document${retried === 1 ? '' : 's'}.`);
  await refreshDocuments();
}));

// ---- historical invoices ---------------------------------------------------------------------

export async function showHistory() {
  const progress = await act('History', () => get(path('/history')));
  if (!progress) {
    return undefined;
  }
  const all = progress.notAttempted + progress.queued + progress.synced + progress.failed;
  $('history-progress').max = Math.max(all, 1);
  $('history-progress').value = progress.synced;
  $('history-text').textContent = `${progress.synced} synced, ${progress.queued} on their way, ${progress.failed} failed, `
    + `${progress.notAttempted} not attempted (of ${all} invoices)`;
  $('history-sync').disabled = progress.notAttempted === 0;
  return progress;
}

$('history-sync').addEventListener('click', () => act('Sync historical invoices', async () => {
  const { queued } = await send('POST', path('/history/sync'), {});
  say(`Queued ${queued} historical invoice${queued === 1 ? '' : 's'}.`);
  await refreshDocuments();
}));
