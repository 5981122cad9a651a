// The accounting system of the company: provider choice, connection state, connect / disconnect, organisation.
import { get, send } from './api.js';
import { act, changed, page, path, say } from './page.js';
import { $, el, when } from './views.js';


export async function showConnection() {
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
  showWarnings(answer);
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

/**
 * What keeps documents from the real books, where the admin cannot miss it: a configuration the provider cannot use
 * (the property named), and endpoints that are not the vendor's own (a sandbox, a proxy).
 */
function showWarnings(answer) {
  const warnings = [];
  if (answer.configurationProblems.length) {
    warnings.push(el('div', { class: 'warning bad', 'data-warning': 'configuration' },
      el('strong', {}, `${answer.provider.provider} cannot be used until its configuration is mended:`),
      el('ul', {}, answer.configurationProblems.map(problem => el('li', {}, problem.message)))));
  }
  if (answer.nonVendorEndpoints.length) {
    warnings.push(el('div', { class: 'warning', 'data-warning': 'endpoints' },
      el('strong', {}, `Not the vendor: ${answer.provider.provider} is configured to call endpoints that are not its vendor's own, `
        + 'so documents do not reach the real books:'),
      el('ul', {}, answer.nonVendorEndpoints.map(endpoint => el('li', {}, endpoint)))));
  }
  $('connection-warnings').replaceChildren(...warnings);
  $('connection-warnings').hidden = !warnings.length;
}

$('provider-form').addEventListener('submit', event => {
  event.preventDefault();
  act('Switch provider', async () => {
    const chosen = await send('PUT', path('/provider'), { provider: $('provider').value });
    say(`${page.company} now uses ${chosen.provider}.`);
    page.reference = null;
    await page.refreshAll();
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
        await page.refreshAll();
        return;
      }
    }
    say('No answer from the accounting system\'s consent yet: press Connect again to start over.', true);
  });
});

$('disconnect').addEventListener('click', () => act('Disconnect', async () => {
  await send('POST', path('/connection/disconnect'));
  say(`${page.company} is disconnected; documents wait until it connects again.`);
  await page.refreshAll();
}));

$('choose-organisation').addEventListener('click', () => act('Choose organisation', async () => {
  const status = await send('PUT', path('/connection/organisation'), { tenantId: $('organisation').value });
  say(`Using ${status.organisationName}.`);
  page.reference = null;
  await page.refreshAll();
}));
