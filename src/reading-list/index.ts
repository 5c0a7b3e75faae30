/** Personal reading lists and their BibTeX / Markdown exports. */
export { bibtexKey, escapeBibtex, toBibtex, toBibtexEntry } from './bibtex.js';
export { escapeMarkdown, toMarkdown, toMarkdownItem } from './markdown.js';
export {
  createReadingList,
  READING_LIST_MAX,
  ReadingListError,
  type ExportFormat,
  type ReadingList,
  type ReadingListDeps,
  type ReadingListFile,
  type ReadingListPage,
} from './service.js';
