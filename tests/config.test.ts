import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/app/config.js';

describe('loadConfig', () => {
  it('gives working defaults for an empty environment', () => {
    const config = loadConfig({}, '/srv/app');
    expect(config.corpusDir).toBe('/srv/app/corpus');
    expect(config.dataDir).toBe('/srv/app/data');
    expect(config.embeddings).toMatchObject({ enabled: true, model: 'Xenova/all-MiniLM-L6-v2', cacheDir: '/srv/app/data/models', allowRemote: true, quantized: true });
    expect(config.search).toEqual({ defaultMode: 'hybrid', keywordWeight: 0.5, semanticWeight: 0.5, minRelevance: 0.35, limit: 5 });
    expect(config.discord).toEqual({ apiUrl: 'https://discord.com/api' });
    expect(config.digest).toEqual({ time: '09:00', timeZone: 'UTC', count: 5 });
  });

  it('treats blank values as unset', () => {
    expect(loadConfig({ DISCORD_TOKEN: '', RESULT_LIMIT: ' ' }).search.limit).toBe(5);
  });

  it('reads a local model folder as an absolute path and a hub id as is', () => {
    expect(loadConfig({ EMBEDDING_MODEL: './models/mini' }, '/srv').embeddings.model).toBe(path.resolve('/srv/models/mini'));
    expect(loadConfig({ EMBEDDING_MODEL: 'Xenova/bge-small-en-v1.5' }).embeddings.model).toBe('Xenova/bge-small-en-v1.5');
  });

  it('parses booleans, numbers and urls', () => {
    const config = loadConfig({ EMBEDDINGS: 'off', KEYWORD_WEIGHT: '0.7', RESULT_LIMIT: '4', DISCORD_API_URL: 'http://127.0.0.1:9999/api/', DIGEST_DEFAULT_TIMEZONE: 'Europe/Berlin' });
    expect(config.embeddings.enabled).toBe(false);
    expect(config.search.keywordWeight).toBe(0.7);
    expect(config.search.limit).toBe(4);
    expect(config.discord.apiUrl).toBe('http://127.0.0.1:9999/api');
    expect(config.digest.timeZone).toBe('Europe/Berlin');
  });

  it('reads the hub token from HF_TOKEN, else HF_ACCESS_TOKEN', () => {
    expect(loadConfig({}).embeddings.hubToken).toBeUndefined();
    expect(loadConfig({ HF_ACCESS_TOKEN: 'old' }).embeddings.hubToken).toBe('old');
    expect(loadConfig({ HF_TOKEN: 'new', HF_ACCESS_TOKEN: 'old' }).embeddings.hubToken).toBe('new');
  });

  it('names every bad variable with its value and the reason', () => {
    let error: unknown;
    try {
      loadConfig({ RESULT_LIMIT: '0', EMBEDDINGS: 'maybe', SEARCH_MODE: 'fuzzy', DIGEST_DEFAULT_TIMEZONE: 'Mars/Base', DISCORD_APP_ID: 'abc', DIGEST_DEFAULT_TIME: '9am' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toContain('RESULT_LIMIT="0": expected a number from 1 to 5');
    expect(message).toContain('EMBEDDINGS="maybe": expected one of true/false');
    expect(message).toContain('SEARCH_MODE="fuzzy": expected hybrid, keyword or semantic');
    expect(message).toContain('DIGEST_DEFAULT_TIMEZONE="Mars/Base": expected an IANA time zone');
    expect(message).toContain('DISCORD_APP_ID="abc": expected a Discord id');
    expect(message).toContain('DIGEST_DEFAULT_TIME="9am": expected a time as HH:MM');
  });

  it('rejects weights that switch off both signals', () => {
    expect(() => loadConfig({ KEYWORD_WEIGHT: '0', SEMANTIC_WEIGHT: '0' })).toThrow(/both 0/);
  });
});
