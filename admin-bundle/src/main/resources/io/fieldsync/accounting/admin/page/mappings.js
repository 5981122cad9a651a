// Mappings: dropdowns filled from the accounting system's accounts, tax rates and items; every gap highlighted.
import { get, send } from './api.js';
import { act, page, path, say } from './page.js';
import { $, choice, el, replaceRows } from './views.js';

const STANDARD_CATEGORIES = ['Labour', 'Materials', 'Equipment', 'Other'];
const PAYMENT_METHODS = ['CASH', 'CARD', 'BANK_TRANSFER', 'CHEQUE', 'DIRECT_DEBIT', 'OTHER'];


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

export async function showMappings(answer) {
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
  const methodWords = method => method.replaceAll('_', ' ').toLowerCase();
  // [id, label, choices, value, the engine's gap subject for it]
  const accounts = [
    ['salesAccount', 'Default sales account (categories without their own)', revenue, m.salesAccount],
    ['depositAccount', 'Default deposit account for payments', payments, m.depositAccount],
    ...PAYMENT_METHODS.map(method => [`deposit-${method}`, `Deposit account for ${methodWords(method)} payments`,
      payments, m.depositAccountByMethod[method], `The deposit account for ${methodWords(method)} payments`])
  ];
  replaceRows($('account-table'), accounts.map(([id, label, options, value, subject]) => {
    const gap = subject && gapFor(subject);
    const select = choice(`map-${id}`, label, options, value);
    if (gap) {
      select.setAttribute('aria-invalid', 'true');
    }
    return el('tr', { class: gap ? 'gap' : '', title: gap ? gap.message : undefined },
      el('th', { scope: 'row' }, el('label', { for: `map-${id}` }, label)), el('td', {}, select));
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
