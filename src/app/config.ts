import path from 'node:path';
import { z } from 'zod';
import { LIMITS } from '../shared/limits.js';
import type { SearchMode } from '../search/types.js';

/** Thrown when an environment variable has an unusable value; names the variable and the reason. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

const DEFAULT_MODEL = 'Xenova/all-MiniLM-L6-v2';

const blankToUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);
const optionalString = z.preprocess(blankToUndefined, z.string().trim().optional());
const bool = (fallback: boolean) =>
  z.preprocess(
    blankToUndefined,
    z
      .enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'], { message: 'expected one of true/false, on/off, yes/no, 1/0' })
      .optional()
      .transform((v) => (v === undefined ? fallback : ['true', '1', 'yes', 'on'].includes(v))),
  );
const number = (fallback: number, min: number, max: number, int = false) =>
  z.preprocess(
    blankToUndefined,
    z.coerce
      .number({ message: 'expected a number' })
      .refine((n) => !int || Number.isInteger(n), 'expected a whole number')
      .refine((n) => n >= min && n <= max, `expected a number from ${min} to ${max}`)
      .optional()
      .transform((v) => v ?? fallback),
  );
const snowflake = z.preprocess(
  blankToUndefined,
  z.string().regex(/^\d{17,20}$/, 'expected a Discord id (17 to 20 digits)').optional(),
);
const timeOfDay = z.preprocess(
  blankToUndefined,
  z
    .string()
    .regex(/^([01]?\d|2[0-3]):[0-5]\d$/, 'expected a time as HH:MM (24-hour), e.g. 09:00')
    .optional()
    .transform((v) => v ?? '09:00'),
);
const timeZone = z.preprocess(
  blankToUndefined,
  z
    .string()
    .refine((tz) => {
      try {
        new Intl.DateTimeFormat('en-US', { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    }, 'expected an IANA time zone such as Europe/Berlin or UTC')
    .optional()
    .transform((v) => v ?? 'UTC'),
);
const url = (fallback: string) =>
  z.preprocess(
    blankToUndefined,
    z
      .url({ message: 'expected an http(s) URL' })
      .optional()
      .transform((v) => (v ?? fallback).replace(/\/+$/, '')),
  );

/** Every environment variable the app reads; documented one by one in `.env.example`. */
const envSchema = z.object({
  DISCORD_TOKEN: optionalString,
  DISCORD_APP_ID: snowflake,
  DISCORD_GUILD_ID: snowflake,
  DISCORD_API_URL: url('https://discord.com/api'),
  CORPUS_DIR: z.preprocess(blankToUndefined, z.string().optional().transform((v) => v ?? 'corpus')),
  DATA_DIR: z.preprocess(blankToUndefined, z.string().optional().transform((v) => v ?? 'data')),
  EMBEDDINGS: bool(true),
  EMBEDDING_MODEL: z.preprocess(blankToUndefined, z.string().trim().optional().transform((v) => v ?? DEFAULT_MODEL)),
  MODEL_CACHE_DIR: optionalString,
  ALLOW_REMOTE_MODELS: bool(true),
  MODEL_HUB_URL: url('https://huggingface.co'),
  HF_TOKEN: optionalString,
  HF_ACCESS_TOKEN: optionalString,
  MODEL_QUANTIZED: bool(true),
  MODEL_LOAD_TIMEOUT_SECONDS: number(300, 1, 3600),
  MODEL_HUB_TIMEOUT_SECONDS: number(5, 1, 120),
  MODEL_RETRY_MINUTES: number(10, 0, 1440),
  SEARCH_MODE: z.preprocess(
    blankToUndefined,
    z
      .enum(['hybrid', 'keyword', 'semantic'], { message: 'expected hybrid, keyword or semantic' })
      .optional()
      .transform((v) => v ?? 'hybrid'),
  ),
  KEYWORD_WEIGHT: number(0.5, 0, 1),
  SEMANTIC_WEIGHT: number(0.5, 0, 1),
  MIN_RELEVANCE: number(0.35, 0, 1),
  RESULT_LIMIT: number(LIMITS.resultsPerPage.default, LIMITS.resultsPerPage.min, LIMITS.resultsPerPage.max, true),
  COOLDOWN_SECONDS: number(3, 0, 600),
  HF_API_URL: url('https://huggingface.co'),
  ARXIV_API_URL: url('https://export.arxiv.org/api/query'),
  INGEST_ON_START: bool(true),
  DIGEST_DEFAULT_TIME: timeOfDay,
  DIGEST_DEFAULT_TIMEZONE: timeZone,
  DIGEST_DEFAULT_COUNT: number(5, 1, 10, true),
  LOG_LEVEL: z.preprocess(
    blankToUndefined,
    z
      .enum(['debug', 'info', 'warn', 'error'], { message: 'expected debug, info, warn or error' })
      .optional()
      .transform((v) => v ?? 'info'),
  ),
});

/** Validated, typed configuration. Paths are absolute. */
export interface Config {
  discord: { token?: string; appId?: string; guildId?: string; apiUrl: string };
  corpusDir: string;
  dataDir: string;
  embeddings: {
    enabled: boolean;
    /** Hub model id (e.g. Xenova/all-MiniLM-L6-v2) or a path to a local model folder. */
    model: string;
    cacheDir: string;
    allowRemote: boolean;
    /** Base URL of the model hub (a mirror, or a closed port in tests). */
    hubUrl: string;
    /** Hugging Face token for private or gated models (HF_TOKEN, or the older HF_ACCESS_TOKEN). */
    hubToken?: string;
    quantized: boolean;
    loadTimeoutMs: number;
    /** Bound of each hub connection / answer (not of a download that progresses). */
    hubTimeoutMs: number;
    /** How long a failed load is remembered (CLI); 0 = always retry. */
    retryAfterMs: number;
  };
  search: {
    defaultMode: SearchMode;
    keywordWeight: number;
    semanticWeight: number;
    /** Fused score below which a query counts as "not covered". */
    minRelevance: number;
    limit: number;
  };
  cooldownSeconds: number;
  trending: { apiUrl: string; ingestOnStart: boolean };
  /** The arXiv API query endpoint (`/add`). */
  arxiv: { apiUrl: string };
  digest: { time: string; timeZone: string; count: number };
  logLevel: 'debug' | 'info' | 'warn' | 'error';
}

/**
 * Validates environment variables (pure: pass `process.env` after dotenv has run).
 * Relative paths resolve against `cwd`. Throws ConfigError naming every bad variable and why.
 */
export function loadConfig(env: Record<string, string | undefined>, cwd = process.cwd()): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => {
      const name = String(issue.path[0] ?? '(environment)');
      return `  ${name}=${JSON.stringify(env[name] ?? '')}: ${issue.message}`;
    });
    throw new ConfigError(`invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  if (e.KEYWORD_WEIGHT + e.SEMANTIC_WEIGHT === 0) {
    throw new ConfigError('invalid configuration:\n  KEYWORD_WEIGHT and SEMANTIC_WEIGHT are both 0: at least one signal must count');
  }
  const dataDir = path.resolve(cwd, e.DATA_DIR);
  const model = looksLikePath(e.EMBEDDING_MODEL) ? path.resolve(cwd, e.EMBEDDING_MODEL) : e.EMBEDDING_MODEL;
  return {
    discord: {
      ...(e.DISCORD_TOKEN ? { token: e.DISCORD_TOKEN } : {}),
      ...(e.DISCORD_APP_ID ? { appId: e.DISCORD_APP_ID } : {}),
      ...(e.DISCORD_GUILD_ID ? { guildId: e.DISCORD_GUILD_ID } : {}),
      apiUrl: e.DISCORD_API_URL,
    },
    corpusDir: path.resolve(cwd, e.CORPUS_DIR),
    dataDir,
    embeddings: {
      enabled: e.EMBEDDINGS,
      model,
      cacheDir: e.MODEL_CACHE_DIR ? path.resolve(cwd, e.MODEL_CACHE_DIR) : path.join(dataDir, 'models'),
      allowRemote: e.ALLOW_REMOTE_MODELS,
      hubUrl: `${e.MODEL_HUB_URL}/`,
      ...(e.HF_TOKEN || e.HF_ACCESS_TOKEN ? { hubToken: e.HF_TOKEN ?? e.HF_ACCESS_TOKEN } : {}),
      quantized: e.MODEL_QUANTIZED,
      loadTimeoutMs: e.MODEL_LOAD_TIMEOUT_SECONDS * 1000,
      hubTimeoutMs: e.MODEL_HUB_TIMEOUT_SECONDS * 1000,
      retryAfterMs: e.MODEL_RETRY_MINUTES * 60_000,
    },
    search: {
      defaultMode: e.SEARCH_MODE,
      keywordWeight: e.KEYWORD_WEIGHT,
      semanticWeight: e.SEMANTIC_WEIGHT,
      minRelevance: e.MIN_RELEVANCE,
      limit: e.RESULT_LIMIT,
    },
    cooldownSeconds: e.COOLDOWN_SECONDS,
    trending: { apiUrl: e.HF_API_URL, ingestOnStart: e.INGEST_ON_START },
    arxiv: { apiUrl: e.ARXIV_API_URL },
    digest: { time: e.DIGEST_DEFAULT_TIME, timeZone: e.DIGEST_DEFAULT_TIMEZONE, count: e.DIGEST_DEFAULT_COUNT },
    logLevel: e.LOG_LEVEL,
  };
}

/** A model setting is a local folder when it starts like a path; hub ids look like `owner/name`. */
function looksLikePath(value: string): boolean {
  return value.startsWith('.') || value.startsWith('/') || value.startsWith('~') || /^[A-Za-z]:[\\/]/.test(value);
}
