// What every panel shares: the company shown, the status line (aria-live) and the rule that an action's failure is said.
import { ApiError, companyPath } from './api.js';
import { $ } from './views.js';

export const page = {
  company: null, reference: null, mappings: null, extraCategories: new Set(), extraTaxRates: new Set(), shown: {},
  following: false, logDocument: null,
  // set by app.js: reload every panel; show the login form again
  refreshAll: async () => {},
  sessionEnded: () => {}
};

export function say(message, error = false) {
  const status = $('status');
  status.textContent = message;
  status.classList.toggle('error', error);
}

/** Runs an action of the admin's, saying what failed instead of failing silently. */
export async function act(what, action) {
  try {
    return await action();
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      page.sessionEnded('Your session ended: log in again.');
    } else {
      say(`${what}: ${error.message}`, true);
    }
    return undefined;
  }
}

/** The shown company's path below /accounting/api. */
export const path = rest => companyPath(page.company, rest);

/** Re-renders only what changed, so a periodic refresh does not take the keyboard focus away. */
export function changed(key, value) {
  const text = JSON.stringify(value);
  if (page.shown[key] === text) {
    return false;
  }
  page.shown[key] = text;
  return true;
}

