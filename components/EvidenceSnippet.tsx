import type { Evidence } from '../core/analyze/report';
import { markTerms } from './mark-terms';

/** A passage from the document, rendered as text with its matched words marked. */
export function EvidenceSnippet({ evidence }: { evidence: Evidence }) {
  return (
    <blockquote class="evidence" data-block={evidence.blockId}>
      {markTerms(evidence.snippet, evidence.terms).map((part, i) =>
        part.marked ? <mark key={i}>{part.text}</mark> : part.text,
      )}
    </blockquote>
  );
}
