import type { Plugin } from 'vite';
import { en } from '../client/src/i18n/en.ts';
import { fr } from '../client/src/i18n/fr.ts';
import { fillShell, shellPageTexts, type ShellTexts } from '../client/src/layout/staticShell.ts';

const PLACEHOLDER = '<!-- static shell script -->';

/**
 * Puts client/src/layout/staticShell.ts's fillShell, with its words from the messages, inline in
 * index.html where the placeholder stands: it must run before the first paint, without waiting for a
 * file. The server's Content-Security-Policy allows it by its hash (server/src/http/contentSecurity.ts).
 */
export const staticShell = (): Plugin => ({
    name: 'cascade-static-shell',
    transformIndexHtml(html) {
        if (!html.includes(PLACEHOLDER)) throw new Error(`index.html has no "${PLACEHOLDER}"`);
        const texts: ShellTexts = { fr: shellPageTexts(fr), en: shellPageTexts(en) };
        // "<" escaped: no message can close the script element
        const json = JSON.stringify(texts).replaceAll('<', '\\u003c');
        return html.replace(PLACEHOLDER, `<script>(${fillShell.toString()})(${json})</script>`);
    },
});
