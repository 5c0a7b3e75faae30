/** Recording stand-ins for discord.js interactions, for unit tests of the responder and the router. */
import type { CommandInteractionOption } from 'discord.js';
import type { AutocompleteInvocation, CommandInvocation, ComponentInvocation } from '../../src/discord/command.js';

export interface Call {
  method: string;
  options?: Record<string, unknown>;
}

export type RecordingInvocation = CommandInvocation & ComponentInvocation & { calls: Call[] };

/** An invocation that records every response call and follows Discord's rules (no double acknowledgement). */
export function recordingInvocation(
  init: { commandName?: string; data?: CommandInteractionOption[]; customId?: string; userId?: string; fail?: string[] } = {},
): RecordingInvocation {
  const calls: Call[] = [];
  const state = { deferred: false, replied: false };
  const record = (method: string, ack: 'ack' | 'after' | 'free') => async (options?: unknown) => {
    if (init.fail?.includes(method)) throw new Error(`${method} failed`);
    if (ack === 'ack' && (state.deferred || state.replied)) throw new Error(`${method}: already acknowledged`);
    if (ack === 'after' && !state.deferred && !state.replied) throw new Error(`${method}: not acknowledged yet`);
    calls.push({ method, ...(options !== undefined ? { options: options as Record<string, unknown> } : {}) });
    if (method === 'deferReply') state.deferred = true;
    else if (method !== 'deleteReply') state.replied = true;
  };
  return {
    calls,
    commandName: init.commandName ?? 'test',
    customId: init.customId ?? '',
    user: { id: init.userId ?? '200000000000000001', username: 'alice' },
    options: { data: init.data ?? [] },
    get deferred() {
      return state.deferred;
    },
    get replied() {
      return state.replied;
    },
    reply: record('reply', 'ack'),
    deferReply: record('deferReply', 'ack'),
    update: record('update', 'ack'),
    editReply: record('editReply', 'after'),
    followUp: record('followUp', 'after'),
    deleteReply: record('deleteReply', 'after'),
  };
}

/** An autocomplete request for `value` in option `name`. */
export function recordingAutocomplete(commandName: string, name: string, value: string) {
  const responses: { name: string; value: string | number }[][] = [];
  let responded = false;
  const invocation: AutocompleteInvocation = {
    commandName,
    user: { id: '200000000000000001', username: 'alice' },
    get responded() {
      return responded;
    },
    options: { getFocused: () => ({ name, value }) },
    async respond(choices) {
      responded = true;
      responses.push(choices.map((c) => ({ name: c.name, value: c.value })));
    },
  };
  return { invocation, responses };
}
