import type { ProgressEvent } from '../search/types.js';

/**
 * Progress printer for long work (model download, first-time corpus embedding): one updating line on a TTY,
 * otherwise a line every `step` percent, so logs stay short.
 */
export function createProgressPrinter(options: { write?: (text: string) => void; isTTY?: boolean; step?: number } = {}): (event: ProgressEvent) => void {
  const write = options.write ?? ((text: string) => process.stderr.write(text));
  const isTTY = options.isTTY ?? Boolean(process.stderr.isTTY);
  const step = options.step ?? 25;
  const lastShown = new Map<string, number>();
  return (event) => {
    const key = `${event.task}:${event.label}`;
    const percent = event.total > 0 ? Math.min(100, Math.floor((event.done / event.total) * 100)) : 0;
    const text = `${event.task === 'download' ? 'downloading' : 'embedding'} ${event.label}: ${formatAmount(event)} (${percent}%)`;
    if (isTTY) {
      write(`\r${text}\u001b[K${percent >= 100 ? '\n' : ''}`);
      return;
    }
    const previous = lastShown.get(key) ?? -step;
    if (percent >= 100 ? previous < 100 : percent - previous >= step) {
      lastShown.set(key, percent);
      write(`${text}\n`);
    }
  };
}

function formatAmount(event: ProgressEvent): string {
  if (event.task === 'download') return `${mb(event.done)} / ${mb(event.total)} MB`;
  return `${event.done} / ${event.total}`;
}

function mb(bytes: number): string {
  return (bytes / 1_048_576).toFixed(1);
}
