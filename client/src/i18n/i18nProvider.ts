import polyglotI18nProvider from 'ra-i18n-polyglot';
import frenchMessages from 'ra-language-french';
import englishMessages from 'ra-language-english';
import type { TranslationMessages } from 'react-admin';
import { fr } from './fr';

const french = { ...frenchMessages, ...fr } as unknown as TranslationMessages;

// Our English labels load on demand (react-admin bundles its own English anyway).
const loadEnglish = () =>
    import('./en').then(({ en }) => ({ ...englishMessages, ...en }) as unknown as TranslationMessages);

export const i18nProvider = polyglotI18nProvider(
    locale => (locale === 'en' ? loadEnglish() : french),
    'fr',
    [
        { locale: 'fr', name: 'Français' },
        { locale: 'en', name: 'English' },
    ],
);
