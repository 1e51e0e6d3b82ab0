import { buildExport, type CoverageExport } from '../core/export/format';
import type { ImportPreview } from '../core/import/merge';
import { type ImportSource, LIMITS } from '../core/protocol';
import { send } from './messaging';

/**
 * Export and import across the 64 MiB limit of one extension message: exports arrive page by
 * page and are assembled here; a large import file is handed over in slices first. The
 * background still reads, checks and applies the file as one whole (one transaction).
 */

/** The JSON export of one document, or of all documents. */
export async function fetchExport(docKey?: string): Promise<CoverageExport> {
  const first = await send({ type: 'exportCoverage', ...(docKey ? { docKey } : {}) });
  const documents = [...first.documents];
  let next = first.next;
  while (next) {
    const page = await send({ type: 'exportCoverage', after: next });
    documents.push(...page.documents);
    next = page.next;
  }
  return buildExport(documents, Date.parse(first.exportedAt));
}

/** Sends an export file's text so that preview and apply can name it; small files go as they are. */
export async function stageImportFile(text: string, sliceChars = LIMITS.importPartChars): Promise<ImportSource> {
  if (text.length <= sliceChars) return { text };
  const importId = crypto.randomUUID();
  for (let part = 0; part * sliceChars < text.length; part++) {
    await send({ type: 'stageImport', importId, part, text: text.slice(part * sliceChars, (part + 1) * sliceChars) });
  }
  return { importId };
}

export function previewImportFile(source: ImportSource): Promise<ImportPreview> {
  return send<'previewImport'>({ type: 'previewImport', ...source });
}

export function applyImportFile(source: ImportSource): Promise<ImportPreview> {
  return send<'applyImport'>({ type: 'applyImport', ...source });
}
