import type { Evidence } from '../core/analyze/report';
import { markTerms } from './mark-terms';
import { ShowInDocumentButton } from './ShowInDocumentButton';

/**
 * A passage from the document, rendered as text with its matched words marked; with a docKey,
 * followed by a "Show in document" button.
 */
export function EvidenceSnippet({ evidence, docKey }: { evidence: Evidence; docKey?: string }) {
  return (
    <>
      <blockquote class="evidence" data-block={evidence.blockId}>
        {markTerms(evidence.snippet, evidence.terms).map((part, i) =>
          part.marked ? <mark key={i}>{part.text}</mark> : part.text,
        )}
      </blockquote>
      {docKey && <ShowInDocumentButton docKey={docKey} evidence={evidence} />}
    </>
  );
}
