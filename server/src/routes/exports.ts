import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Router } from 'express';
import { z } from 'zod';
import { DEFAULT_LOCALE, LOCALES, type Locale } from '../../../shared/contract.ts';
import { loadClientNames, loadNames } from '../data/names.ts';
import type { Db } from '../data/transact.ts';
import { textsFor } from '../domain/texts.ts';
import { csvLine, csvStart, type CsvDialect } from '../http/csv.ts';
import { parseResourceQuery, recordPages } from '../http/resource.ts';
import { actionContext, parseQuery } from '../http/validate.ts';
import { EXPORTS, cellContext, headersOf, rowOf, type ExportName } from '../resources/exports.ts';

const ExportQuery = z.object({
  filter: z.string({ error: 'Expected one JSON object' }).optional(),
  locale: z.enum(LOCALES, { error: `Expected ${LOCALES.join(' or ')}` }).optional(),
});

/** The schemas that validate this router's requests, for the OpenAPI document. */
export const exportSchemas = { ExportQuery };

const DIALECTS: Record<Locale, CsvDialect> = { fr: { separator: ';', bom: true }, en: { separator: ',', bom: false } };
/** Rows read per query: an export of any size holds one page in memory at a time. */
const PAGE_SIZE = 1000;

/**
 * GET /api/exports/{clients,subscriptions,movements}?filter={…}&locale=fr|en: a CSV file of every
 * row the same filter lists (no page limit), streamed a page at a time, within the caller's scope.
 */
export function exportRoutes(db: Db, timeZone: string) {
  const router = Router();
  for (const name of Object.keys(EXPORTS) as ExportName[]) {
    router.get(`/${name}`, async (req, res) => {
      const ctx = actionContext(res);
      const { filter, locale = ctx.locale ?? DEFAULT_LOCALE } = parseQuery(ExportQuery, req.query);
      const { spec } = EXPORTS[name];
      const query = parseResourceQuery(spec, { filter });
      const pages = recordPages(db, spec, query, ctx.scope, PAGE_SIZE);
      // The first page is read before anything is sent: a refused filter is still a 400.
      const first = await pages.next();
      const names = await loadNames(db);
      const cells = cellContext(locale, timeZone, names);
      const dialect = DIALECTS[locale];
      async function* lines() {
        yield csvStart(dialect) + csvLine(headersOf(name, textsFor(locale)), dialect);
        for (let page = first; !page.done; page = await pages.next()) {
          if (name === 'movements') await loadClientNames(db, names, page.value.map((m) => m.client_id as number));
          yield page.value.map((record) => csvLine(rowOf(name, record, cells), dialect)).join('');
        }
      }
      res.set('Content-Type', 'text/csv; charset=utf-8');
      res.set('Content-Disposition', `attachment; filename="${name}-${ctx.today}.csv"`);
      try {
        await pipeline(Readable.from(lines()), res);
      } catch (error) {
        // The reader went away (a cancelled download): nothing more to answer.
        if ((error as { code?: string }).code !== 'ERR_STREAM_PREMATURE_CLOSE') throw error;
      }
    });
  }
  return router;
}
