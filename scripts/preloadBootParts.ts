import type { Plugin } from 'vite';

/**
 * The console starts from client/src/main.tsx, which imports its parts dynamically so each runs in a
 * task of its own. Vite preloads only an entry's static imports: without this, the parts would be
 * asked for only once main.tsx has arrived and run, a round trip later. This adds index.html a
 * <link rel="modulepreload"> for each part main.tsx imports and for the chunks those parts import.
 */
export const preloadBootParts = (): Plugin => ({
  name: 'cascade-preload-boot-parts',
  apply: 'build',
  transformIndexHtml: {
    order: 'post',
    handler(_html, { bundle }) {
      if (!bundle) return [];
      const chunks = Object.values(bundle).filter((output) => output.type === 'chunk');
      const byFile = new Map(chunks.map((chunk) => [chunk.fileName, chunk]));
      const entry = chunks.find((chunk) => chunk.isEntry);
      if (!entry) return [];
      const files = new Set<string>();
      const withImports = (file: string) => {
        if (files.has(file)) return;
        files.add(file);
        byFile.get(file)?.imports.forEach(withImports);
      };
      entry.dynamicImports.forEach(withImports); // file names, like `imports`
      // Vite preloads the entry's own imports already
      for (const file of [entry.fileName, ...entry.imports]) files.delete(file);
      return [...files].map((file) => ({ tag: 'link', attrs: { rel: 'modulepreload', crossorigin: true, href: `/${file}` }, injectTo: 'head' as const }));
    },
  },
});
