/**
 * The static shell's words. index.html's shell is on screen before the console's code has arrived;
 * on the two daily pages it shows their real title and headings (the dashboard's card titles, the
 * to-renew list's tabs, the last one chosen selected) instead of blank boxes, in the login's language
 * as react-admin last stored it.
 * scripts/staticShell.ts puts fillShell, with these words taken from the messages, inline in
 * index.html (the server allows that one script by its hash), where it runs before the first paint.
 *
 * The headings have the styles React gives them (index.html's CSS), so that the console's own copies,
 * painted a few seconds later on a phone, are no larger: the page's largest paint stays the shell's
 * (tests/e2e/staticShell.test.ts).
 */
import type { Messages } from '../i18n/fr';

export interface ShellPageTexts {
    dashboard: { title: string; cards: [string, string, string, string] };
    to_renew: { title: string; tabs: [string, string] };
}
export type ShellTexts = Record<'fr' | 'en', ShellPageTexts>;

export const shellPageTexts = ({ cascade: { dashboard, to_renew } }: Messages): ShellPageTexts => ({
    dashboard: { title: dashboard.title, cards: [dashboard.clients_to_renew, dashboard.by_status, dashboard.pools, dashboard.due_by_month] },
    to_renew: { title: to_renew.title, tabs: [to_renew.tab_to_renew, to_renew.tab_renewed] },
});

/**
 * Runs in the page, as index.html's inline script: it is serialised with Function#toString, so it
 * names nothing from outside.
 */
export function fillShell(texts: ShellTexts) {
    const shell = document.querySelector('#root > .shell');
    const hash = window.location.hash;
    const page = hash === '' || hash === '#/' ? 'dashboard' : /^#\/to-renew(?:[/?]|$)/.test(hash) ? 'to_renew' : null;
    if (!shell || !page) return;
    // what react-admin's localStorageStore keeps (as JSON): the language, the to-renew list's tab
    const stored = (key: string): unknown => {
        try {
            return JSON.parse(window.localStorage.getItem(`RaStore.${key}`) ?? 'null');
        } catch {
            return null; // no storage (a private window), or a value of another version
        }
    };
    const locale = stored('locale') === 'en' ? 'en' : 'fr';
    const words = texts[locale];
    shell.querySelector('.shell-title')!.textContent = page === 'dashboard' ? words.dashboard.title : words.to_renew.title;
    const main = shell.querySelector('.shell-main')!;
    main.className = `shell-main shell-${page.replace('_', '-')}`;
    main.replaceChildren();
    const add = (parent: Element, className: string, text = '') => {
        const element = parent.appendChild(document.createElement('div'));
        element.className = className;
        element.textContent = text;
        return element;
    };
    if (page === 'dashboard') {
        for (const heading of words.dashboard.cards) add(add(main, 'shell-card'), 'shell-heading', heading);
    } else {
        const tabs = add(main, 'shell-tabs');
        const selected = stored('subscriptions.toRenew.view') === 'renewed' ? 1 : 0;
        words.to_renew.tabs.forEach((tab, index) => add(tabs, index === selected ? 'shell-tab selected' : 'shell-tab', tab));
        add(main, 'shell-card');
        add(main, 'shell-card tall');
    }
}
