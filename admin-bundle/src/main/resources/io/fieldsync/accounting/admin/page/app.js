// Settings → Accounting: everything below comes from /accounting/api (api.js); the HTML holds no data.
import { ApiError, BASE, companyPath, get, login, resume, send } from './api.js';
import { dailyChart } from './chart.js';
import { $, chip, choice, el, replaceRows, when } from './views.js';

const STANDARD_CATEGORIES = ['Labour', 'Materials', 'Equipment', 'Other'];
const PAYMENT_METHODS = ['CASH', 'CARD', 'BANK_TRANSFER', 'CHEQUE', 'DIRECT_DEBIT', 'OTHER'];
const DAY = 24 * 60 * 60 * 1000;
const page = { company: null, reference: null, mappings: null, extraCategories: new Set(), extraTaxRates: new Set(), shown: {} };

// ---- status line (aria-live) -----------------------------------------------------------------

function say(message, error = false) {
  const status = $('status');
  status.textContent = message;
  status.classList.toggle('error', error);
}

/** Runs an action of the admin's, saying what failed instead of failing silently. */
async function act(what, action) {
  try {
    return await action();
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      showLogin('Your session ended: log in again.');
    } else {
      say(`${what}: ${error.message}`, true);
    }
    return undefined;
  }
}

const path = rest => companyPath(page.company, rest);

// ---- login -----------------------------------------------------------------------------------

function showLogin(message) {
  $('main').hidden = true;
  $('who').hidden = true;
  $('login').hidden = false;
  say(message || '');
  $('login-user').focus();
}

async function started(session) {
  $('login').hidden = true;
  $('main').hidden = false;
  $('who').hidden = false;
  $('who').textContent = `Logged in as ${session.user}`;
  const [providers, companies] = await Promise.all([get('/providers'), get('/companies')]);
  $('provider').replaceChildren(...providers.map(p => el('option', { value: p.id }, p.displayName || p.id)));
  const ids = companies.map(c => c.company);
  $('company').replaceChildren(...ids.map(id => el('option', { value: id }, id)));
  if (ids.length) {
    await openCompany(ids[0]);
  } else {
    say('No company has used accounting yet: type its id under "or open".');
  }
}

$('login-form').addEventListener('submit', async event => {
  event.preventDefault();
  try {
    const session = await login($('login-user').value, $('login-password').value);
    $('login-password').value = '';
    say(`Logged in as ${session.user}.`);
    await started(session);
  } catch (error) {
    say(error.status === 401 ? 'Wrong user name or password.' : `Log in: ${error.message}`, true);
  }
});

// ---- company -----------------------------------------------------------------------------------

async function openCompany(company) {
  page.company = company;
  page.extraCategories.clear();
  page.extraTaxRates.clear();
  page.shown = {};
  if (![...$('company').options].some(o => o.value === company)) {
    $('company').append(el('option', { value: company }, company));
  }
  $('company').value = company;
  $('log-export').href = `${BASE}${path('/sync-log.csv')}`;
  await refreshAll();
}

async function refreshAll() {
  await Promise.all([showConnection(), showMappings(), showDocuments(), showHistory(), showLog(), showChart()]);
}

$('company').addEventListener('change', () => act('Open company', () => openCompany($('company').value)));
$('company-form').addEventListener('submit', event => {
  event.preventDefault();
  const other = $('company-other').value.trim();
  if (other) {
    $('company-other').value = '';
    act('Open company', () => openCompany(other));
  }
});

// ---- connection and provider ---------------------------------------------------------------

async function showConnection() {
  const answer = await act('Connection', () => get(path('/connection')));
  if (!answer) {
    return undefined;
  }
  if (!changed('connection', answer)) {
    return answer;
  }
  const { provider, connection } = answer;
  if (document.activeElement !== $('provider')) {
    $('provider').value = provider.provider;
  }
  $('provider-note').textContent = provider.chosen
    ? `Chosen by ${provider.chosenBy || 'an admin'}${provider.chosenAt ? ' on ' + when(provider.chosenAt) : ''}.`
    : 'The installation\'s default provider.';
  if (provider.waitingReason) {
    $('provider-note').textContent += ` ${provider.waitingReason}`;
  }
  const facts = [
    ['State', connection.state.replaceAll('_', ' ').toLowerCase()],
    ['Organisation', connection.organisationName || '—'],
    ['Connected since', when(connection.connectedSince)],
    ['Last successful sync', when(connection.lastSuccessfulSync)],
    ['Last error', connection.lastError ? connection.lastError.message : '—'],
    ['Waiting to send', answer.queueDepth],
    ['Failed', answer.failed],
    ['Next retry', when(answer.nextRetryAt)]
  ];
  $('connection-facts').replaceChildren(...facts.flatMap(([term, value]) => [el('dt', {}, term), el('dd', { 'data-fact': term }, value)]));
  const connected = connection.state === 'CONNECTED';
  $('connect').textContent = connected || connection.state === 'EXPIRED' ? 'Reconnect' : 'Connect';
  $('disconnect').disabled = connection.state === 'NOT_CONNECTED';
  const picking = connection.organisations.length > 1;
  $('organisation-picker').hidden = !picking;
  if (picking) {
    $('organisation').replaceChildren(...connection.organisations.map(o => el('option', { value: o.tenantId }, o.name)));
    if (connection.tenantId && document.activeElement !== $('organisation')) {
      $('organisation').value = connection.tenantId;
    }
  }
  return answer;
}

$('provider-form').addEventListener('submit', event => {
  event.preventDefault();
  act('Switch provider', async () => {
    const chosen = await send('PUT', path('/provider'), { provider: $('provider').value });
    say(`${page.company} now uses ${chosen.provider}.`);
    page.reference = null;
    await refreshAll();
  });
});

$('connect').addEventListener('click', () => {
  // opened inside the click, before the API answers, so no pop-up blocker stops it; this page stays and watches
  const consent = window.open('', '_blank');
  act('Connect', async () => {
    let link;
    try {
      link = await send('POST', path('/connection/connect'));
    } catch (error) {
      consent?.close();
      throw error;
    }
    if (!consent) {
      window.location.assign(link.authorizationUrl);
      return;
    }
    consent.opener = null;
    consent.location = link.authorizationUrl;
    say(`Approve the connection to ${link.provider} in the new window…`);
    const until = Date.now() + 5 * 60 * 1000;
    while (Date.now() < until) {
      await new Promise(resolve => setTimeout(resolve, 1000));
      const answer = await get(path('/connection'));
      const state = answer.connection.state;
      if (state === 'CONNECTED' || state === 'CHOOSING_ORGANISATION') {
        say(state === 'CONNECTED' ? `Connected to ${answer.connection.organisationName || answer.provider.provider}.`
          : 'Connected: choose the organisation.');
        page.reference = null;
        await refreshAll();
        return;
      }
    }
    say('No answer from the accounting system\'s consent yet: press Connect again to start over.', true);
  });
});

$('disconnect').addEventListener('click', () => act('Disconnect', async () => {
  await send('POST', path('/connection/disconnect'));
  say(`${page.company} is disconnected; documents wait until it connects again.`);
  await refreshAll();
}));

$('choose-organisation').addEventListener('click', () => act('Choose organisation', async () => {
  const status = await send('PUT', path('/connection/organisation'), { tenantId: $('organisation').value });
  say(`Using ${status.organisationName}.`);
  page.reference = null;
  await refreshAll();
}));

// ---- mappings --------------------------------------------------------------------------------

function accountOptions(filter) {
  return (page.reference ? page.reference.accounts : []).filter(a => a.active && filter(a))
    .map(a => ({ value: a.code || a.id, text: a.code ? `${a.code} · ${a.name}` : a.name }));
}

function taxOptions() {
  return (page.reference ? page.reference.taxRates : []).filter(t => t.active)
    .map(t => ({ value: t.code, text: `${t.name} (${t.ratePercent}%)` }));
}

function itemOptions() {
  return (page.reference ? page.reference.items : []).filter(i => i.active)
    .map(i => ({ value: i.code || i.id, text: i.code ? `${i.code} · ${i.name}` : i.name }));
}

const slug = text => text.replace(/[^A-Za-z0-9_-]/g, '_');

/** The host values to check besides those mapped: the standard categories and those the admin added. */
function mappingsQuery() {
  return [...page.extraCategories, ...STANDARD_CATEGORIES].map(c => `category=${encodeURIComponent(c)}`)
    .concat([...page.extraTaxRates].map(t => `taxRate=${encodeURIComponent(t)}`)).join('&');
}

async function showMappings(answer) {
  if (!page.reference) {
    page.reference = await get(path('/reference-data')).catch(() => null);
  }
  answer = answer || await act('Mappings', () => get(path(`/mappings?${mappingsQuery()}`)));
  if (!answer) {
    return;
  }
  page.mappings = answer.mappings;
  const m = answer.mappings;
  const gaps = answer.gaps || [];
  const gapFor = subject => gaps.find(g => g.subject === subject);
  const categories = [...new Set([...STANDARD_CATEGORIES, ...Object.keys(m.revenueAccountByCategory),
    ...Object.keys(m.itemByCategory), ...page.extraCategories])];
  const taxRates = [...new Set([...Object.keys(m.taxRateByHostTaxRate), ...page.extraTaxRates])];

  const revenue = accountOptions(a => a.type === 'REVENUE');
  replaceRows($('category-table'), categories.map(category => {
    const gap = gapFor(`Category ${category}`);
    const account = choice(`account-${slug(category)}`, `Revenue account for ${category}`, revenue, m.revenueAccountByCategory[category]);
    account.dataset.category = category;
    const item = choice(`item-${slug(category)}`, `Item for ${category}`, itemOptions(), m.itemByCategory[category]);
    item.dataset.category = category;
    if (gap) {
      account.setAttribute('aria-invalid', 'true');
    }
    return el('tr', { class: gap ? 'gap' : '', title: gap ? gap.message : undefined, 'data-category': category },
      el('th', { scope: 'row' }, category, gap ? el('span', { class: 'reason' }, 'not mapped') : ''), el('td', {}, account), el('td', {}, item));
  }));
  replaceRows($('tax-table'), taxRates.map(rate => {
    const gap = gapFor(rate);
    const select = choice(`tax-${slug(rate)}`, `Tax rate for ${rate}`, taxOptions(), m.taxRateByHostTaxRate[rate]);
    select.dataset.taxRate = rate;
    if (gap) {
      select.setAttribute('aria-invalid', 'true');
    }
    return el('tr', { class: gap ? 'gap' : '', title: gap ? gap.message : undefined, 'data-tax-rate': rate },
      el('th', { scope: 'row' }, rate, gap ? el('span', { class: 'reason' }, 'not mapped') : ''), el('td', {}, select));
  }));
  const payments = accountOptions(a => a.acceptsPayments);
  const accounts = [
    ['salesAccount', 'Default sales account (categories without their own)', revenue, m.salesAccount],
    ['taxLiabilityAccount', 'Tax liability account', accountOptions(a => a.type === 'LIABILITY'), m.taxLiabilityAccount],
    ['depositAccount', 'Default deposit account for payments', payments, m.depositAccount],
    ...PAYMENT_METHODS.map(method => [`deposit-${method}`, `Deposit account for ${method.replaceAll('_', ' ').toLowerCase()} payments`,
      payments, m.depositAccountByMethod[method]])
  ];
  replaceRows($('account-table'), accounts.map(([id, label, options, value]) => {
    const gap = gaps.find(g => g.subject.toLowerCase().includes(label.replace('Deposit account for ', '').toLowerCase())
      && id.startsWith('deposit-'));
    return el('tr', { class: gap ? 'gap' : '' }, el('th', { scope: 'row' }, el('label', { for: `map-${id}` }, label)),
      el('td', {}, choice(`map-${id}`, label, options, value)));
  }));
  $('gaps').replaceChildren(...gaps.map(g => el('li', {}, g.message)));
  $('mappings-summary').textContent = answer.validationUnavailable
    ? `Cannot check the mappings now: ${answer.validationUnavailable}`
    : gaps.length ? `${gaps.length} gap${gaps.length > 1 ? 's' : ''} to fill.` : 'Every mapping checked is complete.';
  if (!page.reference) {
    $('mappings-summary').textContent += ' Connect to choose from the accounting system\'s accounts.';
  }
}

function collectMappings() {
  const byData = (selector, key) => Object.fromEntries([...document.querySelectorAll(selector)]
    .filter(select => select.value).map(select => [select.dataset[key], select.value]));
  const single = id => $(`map-${id}`).value || null;
  const deposits = Object.fromEntries(PAYMENT_METHODS.map(method => [method, single(`deposit-${method}`)]).filter(([, v]) => v));
  return {
    revenueAccountByCategory: byData('#category-table select[id^="account-"]', 'category'),
    itemByCategory: byData('#category-table select[id^="item-"]', 'category'),
    taxRateByHostTaxRate: byData('#tax-table select', 'taxRate'),
    salesAccount: single('salesAccount'),
    taxLiabilityAccount: single('taxLiabilityAccount'),
    depositAccount: single('depositAccount'),
    depositAccountByMethod: deposits
  };
}

$('mappings-form').addEventListener('submit', event => {
  event.preventDefault();
  act('Save mappings', async () => {
    const answer = await send('PUT', path('/mappings'), collectMappings());
    await showMappings(await get(path(`/mappings?${mappingsQuery()}`)));
    say((answer.gaps || []).length ? 'Mappings saved; some gaps remain.' : 'Mappings saved.');
  });
});

function addHostValue(input, set) {
  const value = $(input).value.trim();
  if (value) {
    set.add(value);
    $(input).value = '';
    // choices not saved yet stay as the admin left them; the gaps are the saved mappings' until Save
    const draft = collectMappings();
    act('Mappings', async () => showMappings({ ...await get(path(`/mappings?${mappingsQuery()}`)), mappings: draft }));
  }
}

$('add-category').addEventListener('click', () => addHostValue('new-category', page.extraCategories));
$('add-tax').addEventListener('click', () => addHostValue('new-tax', page.extraTaxRates));
$('refresh-reference').addEventListener('click', () => act('Reload', async () => {
  page.reference = await send('POST', path('/reference-data/refresh'));
  await showMappings();
  say(`Loaded ${page.reference.accounts.length} accounts, ${page.reference.taxRates.length} tax rates and ${page.reference.items.length} items.`);
}));

// ---- documents -------------------------------------------------------------------------------

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

/** Re-renders only what changed, so a periodic refresh does not take the keyboard focus away. */
function changed(key, value) {
  const text = JSON.stringify(value);
  if (page.shown[key] === text) {
    return false;
  }
  page.shown[key] = text;
  return true;
}

async function showDocuments() {
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

async function refreshDocuments() {
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

async function showHistory() {
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

// ---- import ----------------------------------------------------------------------------------

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

// ---- sync log --------------------------------------------------------------------------------

async function showLog() {
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
async function showChart() {
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

// ---- while documents are on their way, the page follows them ---------------------------------

setInterval(async () => {
  if (!page.company || document.hidden || $('main').hidden) {
    return;
  }
  const connection = await showConnection();
  if (connection && (connection.queueDepth > 0 || page.following)) {
    // once more after the queue empties, so the last change shows
    page.following = connection.queueDepth > 0;
    const [documentsChanged] = await Promise.all([showDocuments(), showHistory()]);
    if (documentsChanged) {
      await Promise.all([showLog(), showChart()]);
    }
  }
}, 2000);

act('Session', async () => {
  const session = await resume();
  if (session) {
    await started(session);
  } else {
    showLogin();
  }
});
