import { defaultDarkTheme, defaultLightTheme, type RaThemeOptions } from 'react-admin';

/**
 * Cascade's look: a deep teal app bar, indigo actions, rounded cards; the status
 * colours (status/statusStyle.ts) stay readable on both themes.
 */
const shared: RaThemeOptions = {
    shape: { borderRadius: 10 },
    typography: {
        fontFamily: '"Inter", "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
        h6: { fontWeight: 500 },
    },
    sidebar: { width: 230, closedWidth: 56 },
};

const components = (base: RaThemeOptions, extra: RaThemeOptions['components']) => ({
    ...base.components,
    MuiButton: { styleOverrides: { root: { textTransform: 'none' as const } } },
    MuiCard: { defaultProps: { variant: 'outlined' as const } },
    // react-admin's row checkboxes put their aria-label on MUI's wrapping span: move it to the input,
    // where screen readers look for it (and where a span may not carry one).
    MuiCheckbox: {
        defaultProps: {
            slotProps: {
                root: { 'aria-label': undefined },
                input: (ownerState: { 'aria-label'?: string; inputProps?: Record<string, unknown> }) => ({
                    ...ownerState.inputProps,
                    'aria-label': ownerState['aria-label'] ?? ownerState.inputProps?.['aria-label'],
                }),
            },
        },
    },
    RaMenuItemLink: {
        styleOverrides: {
            root: {
                borderLeft: '3px solid transparent',
                '&.RaMenuItemLink-active': { borderLeftColor: '#26a69a', fontWeight: 600 },
            },
        },
    },
    ...extra,
});

export const lightTheme: RaThemeOptions = {
    ...defaultLightTheme,
    ...shared,
    palette: {
        mode: 'light',
        primary: { main: '#3949ab', light: '#6f74dd', dark: '#00227b', contrastText: '#fff' },
        secondary: { main: '#00695c', light: '#439889', dark: '#003d33', contrastText: '#fff' },
        background: { default: '#f3f6f6', paper: '#ffffff' },
        // Darker than MUI's defaults so warning and info texts (undo, scheduled change, API method
        // chips) read at 4.5:1 on white and on the status tints.
        warning: { main: '#a84300' },
        info: { main: '#01579b' },
    },
    components: components(defaultLightTheme, {
        RaToolbar: { styleOverrides: { root: { backgroundColor: '#e6eeed' } } },
    }),
};

export const darkTheme: RaThemeOptions = {
    ...defaultDarkTheme,
    ...shared,
    palette: {
        mode: 'dark',
        primary: { main: '#9fa8da', contrastText: '#0b1020' },
        secondary: { main: '#004d40', light: '#39796b', dark: '#00251a', contrastText: '#e0f2f1' },
        background: { default: '#111a1b', paper: '#182325' },
    },
    components: components(defaultDarkTheme, {
        RaToolbar: { styleOverrides: { root: { backgroundColor: '#1f2d2f' } } },
        MuiAppBar: { styleOverrides: { colorSecondary: { backgroundColor: '#0d3b36', color: '#e0f2f1' } } },
    }),
};
