// Settings → Accounting: everything shown comes from /accounting/api (api.js); the HTML holds no data. This module
// logs in, picks the company and keeps the panels (connection, mappings, documents, activity) up to date.
import { BASE, get, login, resume } from './api.js';
import { clearImport, showChart, showLog } from './activity.js';
import { showConnection } from './connection.js';
import { showDocuments, showHistory } from './documents.js';
import { showMappings } from './mappings.js';
import { showSettings } from './settings.js';
import { act, page, path, say } from './page.js';
import { $, el } from './views.js';

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
  page.reference = null;
  page.extraCategories.clear();
  page.extraTaxRates.clear();
  page.shown = {};
  page.logDocument = null;
  clearImport();
  if (![...$('company').options].some(o => o.value === company)) {
    $('company').append(el('option', { value: company }, company));
  }
  $('company').value = company;
  $('log-export').href = `${BASE}${path('/sync-log.csv')}`;
  await refreshAll();
}

async function refreshAll() {
  await Promise.all([showConnection(), showMappings(), showSettings(), showDocuments(), showHistory(), showLog(), showChart()]);
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

page.refreshAll = refreshAll;
page.sessionEnded = showLogin;

act('Session', async () => {
  const session = await resume();
  if (session) {
    await started(session);
  } else {
    showLogin();
  }
});
