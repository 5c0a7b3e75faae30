/** Adding papers from the arXiv API. */
export { arxivIdOf, ARXIV_REFERENCE_EXAMPLES, createPaperAdder, type AddedPaper, type PaperAdder, type PaperAdderDeps } from './add.js';
export { ARXIV_INTERVAL_MS, createArxivClient, type ArxivClient, type ArxivClientOptions } from './client.js';
export { ArxivError, type ArxivErrorKind } from './errors.js';
export { ARXIV_SOURCE, parseArxivFeed } from './parse.js';
