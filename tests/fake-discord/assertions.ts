/** Assertions every payload sent to the fake Discord must pass: Discord's size limits and "never ping". */
import { expect } from 'vitest';

const LIMITS = {
  content: 2000,
  embeds: 10,
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  author: 256,
  total: 6000,
  rows: 5,
  buttonsPerRow: 5,
  label: 80,
  customId: 100,
} as const;

interface EmbedLike {
  title?: string;
  description?: string;
  fields?: { name: string; value: string }[];
  footer?: { text: string };
  author?: { name: string };
}

/** Every limit a message payload breaks, as readable strings (empty when it fits). */
export function findLimitViolations(payload: Record<string, unknown>): string[] {
  const problems: string[] = [];
  const over = (what: string, length: number, max: number) => {
    if (length > max) problems.push(`${what}: ${length} > ${max}`);
  };
  if (typeof payload.content === 'string') over('content', payload.content.length, LIMITS.content);
  const embeds = (payload.embeds ?? []) as EmbedLike[];
  over('embeds', embeds.length, LIMITS.embeds);
  let total = 0;
  embeds.forEach((embed, i) => {
    const at = `embeds[${i}]`;
    over(`${at}.title`, embed.title?.length ?? 0, LIMITS.title);
    over(`${at}.description`, embed.description?.length ?? 0, LIMITS.description);
    over(`${at}.footer`, embed.footer?.text.length ?? 0, LIMITS.footer);
    over(`${at}.author`, embed.author?.name.length ?? 0, LIMITS.author);
    over(`${at}.fields`, embed.fields?.length ?? 0, LIMITS.fields);
    total += (embed.title?.length ?? 0) + (embed.description?.length ?? 0) + (embed.footer?.text.length ?? 0) + (embed.author?.name.length ?? 0);
    (embed.fields ?? []).forEach((field, j) => {
      over(`${at}.fields[${j}].name`, field.name.length, LIMITS.fieldName);
      over(`${at}.fields[${j}].value`, field.value.length, LIMITS.fieldValue);
      if (field.name.trim() === '' || field.value.trim() === '') problems.push(`${at}.fields[${j}] is empty`);
      total += field.name.length + field.value.length;
    });
    if (embed.description !== undefined && embed.description.trim() === '') problems.push(`${at}.description is empty`);
  });
  over('embeds total', total, LIMITS.total);
  const rows = (payload.components ?? []) as { components?: { custom_id?: string; label?: string }[] }[];
  over('action rows', rows.length, LIMITS.rows);
  const ids = new Set<string>();
  rows.forEach((row, i) => {
    over(`components[${i}]`, row.components?.length ?? 0, LIMITS.buttonsPerRow);
    for (const component of row.components ?? []) {
      over(`button label "${component.label}"`, component.label?.length ?? 0, LIMITS.label);
      if (component.custom_id !== undefined) {
        over(`custom_id ${component.custom_id}`, component.custom_id.length, LIMITS.customId);
        if (ids.has(component.custom_id)) problems.push(`duplicate custom_id ${component.custom_id}`);
        ids.add(component.custom_id);
      }
    }
  });
  return problems;
}

/** Fails when a payload breaks any of Discord's message limits. */
export function expectWithinDiscordLimits(payload: Record<string, unknown>): void {
  expect(findLimitViolations(payload), JSON.stringify(payload).slice(0, 400)).toEqual([]);
}

/** Fails unless the payload disables every ping: `allowed_mentions.parse` empty, no user/role lists, no replied-user ping. */
export function expectNoPing(payload: Record<string, unknown>): void {
  const allowed = payload.allowed_mentions as { parse?: unknown[]; users?: unknown[]; roles?: unknown[]; replied_user?: boolean } | undefined;
  expect(allowed, `allowed_mentions missing in ${JSON.stringify(payload).slice(0, 200)}`).toBeDefined();
  expect(allowed?.parse).toEqual([]);
  expect(allowed?.users ?? []).toEqual([]);
  expect(allowed?.roles ?? []).toEqual([]);
  expect(allowed?.replied_user ?? false).toBe(false);
}

/** All the text of a payload (content, embed texts), for "cites this title" checks. */
export function payloadText(payload: Record<string, unknown>): string {
  const parts: string[] = [];
  if (typeof payload.content === 'string') parts.push(payload.content);
  for (const embed of (payload.embeds ?? []) as EmbedLike[]) {
    parts.push(embed.title ?? '', embed.description ?? '', embed.footer?.text ?? '', embed.author?.name ?? '');
    for (const field of embed.fields ?? []) parts.push(field.name, field.value);
  }
  return parts.join('\n');
}
