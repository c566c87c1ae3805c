import polyglotI18nProvider from 'ra-i18n-polyglot';
import frenchMessages from 'ra-language-french';
import type { TranslationMessages } from 'react-admin';
import { fr } from './fr';

const french = { ...frenchMessages, ...fr } as unknown as TranslationMessages;

// English (react-admin's and ours) loads on demand: French is the first screen.
const loadEnglish = () =>
    Promise.all([import('ra-language-english'), import('./en')]).then(
        ([{ default: englishMessages }, { en }]) => ({ ...englishMessages, ...en }) as unknown as TranslationMessages,
    );

export const i18nProvider = polyglotI18nProvider(
    locale => (locale === 'en' ? loadEnglish() : french),
    'fr',
    [
        { locale: 'fr', name: 'Français' },
        { locale: 'en', name: 'English' },
    ],
);
