/** What every answer builder works with: the injected dependencies plus the shared indexes built over the store. */
import type { PaperLookup } from './lookup.js';
import type { TermModel } from './term-model.js';
import type { AnswersDeps, SemanticAccess } from './types.js';

export interface AnswerContext {
  deps: AnswersDeps;
  terms: TermModel;
  lookup: PaperLookup;
  /** Corpus term and phrase counts, the prior of distinctive and shared terms. */
  corpusCounts: () => ReadonlyMap<string, number>;
}

/**
 * Embeds `texts` with the semantic side, or returns null when it is absent or fails (the caller then uses TF-IDF);
 * a failure is logged, never thrown, so answers keep working keyword-only.
 */
export async function embedOrNull(ctx: AnswerContext, semantic: SemanticAccess | null, texts: string[], what: string): Promise<Float32Array[] | null> {
  if (!semantic || texts.length === 0) return null;
  try {
    const vectors = await semantic.embed(texts);
    if (vectors.length !== texts.length) throw new Error(`expected ${texts.length} vectors, got ${vectors.length}`);
    return vectors;
  } catch (error) {
    ctx.deps.logger.warn(`answers: embedding ${what} failed, using TF-IDF instead`, { error });
    return null;
  }
}
