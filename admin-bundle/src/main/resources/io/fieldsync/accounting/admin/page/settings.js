// How documents are sent, drawn from the OpenAPI document's SyncSettings schema, so a field the API gains shows here
// without a change to the page; a PUT sends back every field it read (the API replaces the whole resource).
import { get, send } from './api.js';
import { act, path, say } from './page.js';
import { $, el } from './views.js';

const LABELS = {
  pushInvoicesAs: 'Send invoices as', keepHostInvoiceNumbers: 'Keep our invoice numbers',
  twoWayNameSync: 'Sync customer names both ways'
};
let schema = null;
let shown = null;

const words = name => LABELS[name] || name.replace(/([A-Z])/g, ' $1').toLowerCase().replace(/^./, c => c.toUpperCase());

function field(name, value, property) {
  const id = `setting-${name}`;
  if (typeof value === 'boolean') {
    return el('div', { class: 'row' }, el('input', { type: 'checkbox', id, 'data-setting': name, checked: value }),
      el('label', { for: id }, words(name)));
  }
  if (property.enum) {
    const select = el('select', { id, 'data-setting': name }, property.enum.map(o => el('option', { value: o }, o.toLowerCase())));
    select.value = value;
    return el('div', { class: 'row' }, el('label', { for: id }, words(name)), select);
  }
  const input = el('input', { id, 'data-setting': name, type: typeof value === 'number' ? 'number' : 'text', value: value ?? '' });
  return el('div', { class: 'row' }, el('label', { for: id }, words(name)), input);
}

export async function showSettings() {
  if (!schema) {
    schema = (await get('/openapi.json')).components.schemas.SyncSettings || { properties: {} };
  }
  const settings = await act('Settings', () => get(path('/settings')));
  if (!settings) {
    return;
  }
  shown = settings;
  // a value that is an object (none today) is kept as read and sent back unchanged
  $('settings-fields').replaceChildren(...Object.entries(settings).filter(([, value]) => value === null || typeof value !== 'object')
    .map(([name, value]) => field(name, value, schema.properties[name] || {})));
}

$('settings-form').addEventListener('submit', event => {
  event.preventDefault();
  act('Save settings', async () => {
    const edited = { ...shown };
    document.querySelectorAll('#settings-fields [data-setting]').forEach(input => {
      const name = input.dataset.setting;
      if (input.type === 'checkbox') {
        edited[name] = input.checked;
      } else if (input.value === '' && shown[name] === null) {
        edited[name] = null;
      } else {
        edited[name] = input.type === 'number' ? Number(input.value) : input.value;
      }
    });
    await send('PUT', path('/settings'), edited);
    say('Settings saved.');
    await showSettings();
  });
});
