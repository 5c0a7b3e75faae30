/** Live paper sources (Hugging Face daily papers, JSON files) and ingestion into the running app. */
export { TrendingSourceError } from './errors.js';
export { readPaperFile, type PaperFile } from './file-source.js';
export { createHfSource, isIsoDate, rankByUpvotes, type HfSourceOptions, type SkippedItem, type TrendingDay, type TrendingSource } from './hf-source.js';
export { createIngester, restoreIngestedPapers, type IngestListener, type IngestReport, type Ingester, type IngesterDeps, type PaperSink } from './ingest.js';
