import { build, type InlineConfig, type Plugin, type Rollup } from 'vite';

/**
 * How the console's code is cut into files.
 *
 * client/src/main.tsx imports the console's parts dynamically (react, react-dom, the theme, MUI's
 * core, the app bar, the layout, the app) so each runs in a task of its own. Left alone, the bundler cuts the code shared
 * between those parts and the ~30 lazy pages into ~25 boot files and ~50 more for the to-renew list.
 * A phone on a mobile network opens at most 6 connections to a plain-HTTP server and asks for one
 * file at a time on each: 75 files are ~13 round trips of 150 ms before the list shows. So the build
 * runs twice: a first build, in memory, tells which modules each part and each lazy piece actually
 * uses (after tree-shaking: react-admin's barrel imports say nothing), then the real build gives each
 * part one file holding the modules no earlier part uses, then the same for each lazy module of
 * `lazyFirst` (the dashboard's cards, the daily pages), in that order: code two of them share goes
 * with the first. The other pages keep the bundler's own cutting.
 *
 * index.html names the entry only: the parts are asked for once the static shell has painted
 * (client/src/main.tsx says why).
 */
export const bootChunks = ({ lazyFirst }: { lazyFirst: string[] }): Plugin => ({
    name: 'cascade-boot-chunks',
    apply: 'build',
    async config(config) {
        const groups = groupsOf(await surveyBuild(config), lazyFirst);
        return {
            build: {
                rolldownOptions: {
                    output: {
                        // A group's modules import only modules of earlier groups or of the entry (it took
                        // all the others its files held): the bundler need not pull them in.
                        codeSplitting: {
                            groups: [...groups].map(([name, modules]) => ({
                                name,
                                test: (id: string) => modules.has(id),
                                includeDependenciesRecursively: false,
                            })),
                        },
                    },
                },
            },
        };
    },
});

const isChunk = (output: Rollup.OutputChunk | Rollup.OutputAsset): output is Rollup.OutputChunk => output.type === 'chunk';

/** The files `roots` import, themselves included, statically and transitively. */
function closure(roots: string[], byFile: Map<string, Rollup.OutputChunk>, into = new Set<string>()): Set<string> {
    for (const file of roots) {
        if (into.has(file)) continue;
        into.add(file);
        closure(byFile.get(file)?.imports ?? [], byFile, into);
    }
    return into;
}

/** The same build, in memory, with the bundler's own cutting and without this plugin or the compression. */
async function surveyBuild(config: InlineConfig): Promise<Rollup.OutputChunk[]> {
    const plugins = ([] as unknown[]).concat(config.plugins ?? []).flat(3) as Plugin[];
    const result = await build({
        ...config,
        configFile: false,
        logLevel: 'silent',
        plugins: plugins.filter((plugin) => plugin && typeof plugin === 'object' && !plugin.name?.startsWith('cascade-boot-chunks') && !plugin.name?.includes('compression')),
        build: { ...config.build, write: false, manifest: false, emptyOutDir: false },
    });
    const outputs = Array.isArray(result) ? result : [result];
    return outputs.flatMap((out) => ('output' in out ? out.output.filter(isChunk) : []));
}

/**
 * Group name → its modules, in order: each boot part (the entry's dynamic imports, in order) takes the
 * modules of its files no earlier group took; then each of the `lazyFirst` modules the same.
 */
function groupsOf(chunks: Rollup.OutputChunk[], lazyFirst: string[]): Map<string, Set<string>> {
    const byFile = new Map(chunks.map((chunk) => [chunk.fileName, chunk]));
    const entry = chunks.find((chunk) => chunk.isEntry);
    if (!entry) throw new Error('bootChunks: the survey build has no entry');
    const fileOf = (module: string) => {
        const chunk = chunks.find((candidate) => candidate.moduleIds.some((id) => id.endsWith(module)));
        if (!chunk) throw new Error(`bootChunks: ${module} is in no file of the survey build`);
        return chunk.fileName;
    };
    const taken = closure([entry.fileName], byFile);
    const groups = new Map<string, Set<string>>();
    const claim = (root: string) => {
        const modules = new Set<string>();
        for (const file of closure([root], byFile)) {
            if (taken.has(file)) continue;
            taken.add(file);
            for (const module of byFile.get(file)?.moduleIds ?? []) modules.add(module);
        }
        groups.set(byFile.get(root)?.name ?? root, modules);
    };
    entry.dynamicImports.forEach(claim);
    lazyFirst.map(fileOf).forEach(claim);
    return groups;
}
